package io.parley.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.RawHttp;

import static io.parley.support.Problems.expectProblem;

/**
 * Requests a fuzzer sends: unreadable headers, paths and methods the firewall refuses,
 * broken chunked bodies. Each gets problem+json (or Netty's own 400) and nothing worse.
 */
class HostileRequestIntegrationTests extends IntegrationTest {

	private static final String LOGIN = "{\"login\":\"nobody\",\"password\":\"wrong password\"}";

	@LocalServerPort
	private int port;

	@Test
	void bodyWhenContentTypeUnparseableThenUnsupportedMedia() {
		expectProblem(post("/api/auth/login", "Content-Type: garbage///\r\n", LOGIN), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"unsupported_media");
	}

	@Test
	void bodyWhenContentTypeUnparseableOnSignedInRouteThenUnsupportedMedia() {
		AppSession me = this.accounts.newUser("garbled");
		String request = "PATCH /api/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + me.bearer()
				+ "\r\nContent-Type: garbage///\r\nContent-Length: 2\r\n\r\n{}";
		expectProblem(exchange(request), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media");
	}

	private RawHttp.Response post(String path, String headers, String body) {
		return exchange("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Content-Length: "
				+ body.length() + "\r\n\r\n" + body);
	}

	/** Sends {@code request} on a new connection and reads the answer. */
	private RawHttp.Response exchange(String request) {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			return connection.send(request).read();
		}
	}

}

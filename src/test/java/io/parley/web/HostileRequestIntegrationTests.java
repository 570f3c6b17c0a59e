package io.parley.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.RawHttp;

import static io.parley.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a fuzzer sends: unreadable headers, paths and methods the firewall refuses,
 * request lines and headers too long to decode, broken chunked bodies. Each gets
 * problem+json (or, for a body broken after its request was answered, Netty's own 400)
 * and nothing worse.
 */
@ExtendWith(OutputCaptureExtension.class)
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

	@ParameterizedTest
	@ValueSource(strings = { "GET /api/users/1;x", "POST /api/rooms/%00/messages", "GET /api/users/%2F",
			"GET /api/rooms/%2e%2e/messages", "GET /api/../actuator/health", "GET /room/1;jsessionid=1" })
	void pathWhenFirewallRefusesItThenMalformedRequest(String requestLine) {
		expectProblem(exchange(requestLine + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"),
				HttpStatus.BAD_REQUEST, "malformed_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRACE", "PROPFIND", "FOO" })
	void methodWhenUnknownThenMethodNotAllowed(String method) {
		RawHttp.Response response = exchange(
				method + " /api/users/me HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
		expectProblem(response, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
		assertThat(response.header("Allow")).contains("GET").doesNotContain(method);
	}

	@Test
	void methodWhenConnectThenMethodNotAllowed() {
		expectProblem(exchange("CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n"),
				HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
	}

	@Test
	void requestLineWhenTooLongThenTooLarge() {
		expectProblem(exchange("GET /api/rooms?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
				HttpStatus.URI_TOO_LONG, "too_large");
	}

	@Test
	void headersWhenTooLargeThenTooLarge() {
		expectProblem(
				exchange("GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000) + "\r\n\r\n"),
				HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too_large");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n",
			"GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nContent-Length: lots\r\n\r\n",
			"GET /api/rooms NOT-HTTP\r\nHost: localhost\r\n\r\n",
			"GET /api/rooms HTTP/1.1\r\nHost: localhost:x\r\n\r\n" })
	void requestWhenNotHttpThenMalformedRequest(String request) {
		expectProblem(exchange(request), HttpStatus.BAD_REQUEST, "malformed_request");
	}

	@Test
	void requestWhenNotHttpAfterAnEmptyBadRequestThenOnlyItsAnswerRewritten() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("HEAD /api/users/1;x HTTP/1.1\r\nHost: localhost\r\n\r\n"
					+ "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n");
			RawHttp.Response head = connection.readHead();
			assertThat(head.status()).isEqualTo(400);
			expectProblem(connection.read(), HttpStatus.BAD_REQUEST, "malformed_request");
		}
	}

	@Test
	void requestWhenNotHttpAfterAnsweredOneThenBothAnsweredInOrder() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /api/rooms HTTP/1.1\r\nHost: localhost\r\n\r\n"
					+ "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n");
			expectProblem(connection.read(), HttpStatus.UNAUTHORIZED, "unauthenticated");
			expectProblem(connection.read(), HttpStatus.BAD_REQUEST, "malformed_request");
		}
	}

	@Test
	void chunkedBodyWhenChunkSizeInvalidThenBadRequestAndNoErrorLogged(CapturedOutput output) {
		int before = output.getAll().length();
		for (int round = 0; round < 3; round++) {
			RawHttp.Response response = exchange("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + LOGIN
					+ "\r\n0\r\n\r\n");
			assertThat(response.status()).isEqualTo(400);
		}
		String logged = awaitQuiet(output, before);
		assertThat(logged).doesNotContain("ERROR", "\tat ", "Status and headers already sent");
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

	/**
	 * What was logged since {@code from}, once the server had half a second to log more.
	 */
	private static String awaitQuiet(CapturedOutput output, int from) {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return output.getAll().substring(from);
	}

}

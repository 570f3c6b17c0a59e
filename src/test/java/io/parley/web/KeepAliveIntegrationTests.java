package io.parley.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.IntegrationTest;
import io.parley.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its next request on a keep-alive connection before the previous
 * answer is out (HTTP/1.1 pipelining, or a browser reusing a connection at once): when
 * the second request is answered at once (a 401) while the first is still being worked
 * on, the connection must still serve the requests that follow (Reactor Netty 1.3.6
 * stopped reading such a connection, reactor-netty #4361).
 */
class KeepAliveIntegrationTests extends IntegrationTest {

	private static final String SLOW = "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n";

	private static final String AT_ONCE = "GET /api/users/me HTTP/1.1\r\nHost: localhost\r\n\r\n";

	@LocalServerPort
	private int port;

	@Test
	void aRequestAnsweredAtOnceBehindAPendingOneLeavesTheConnectionServing() {
		for (int round = 0; round < 30; round++) {
			try (RawHttp connection = RawHttp.connect(this.port)) {
				connection.send(SLOW + AT_ONCE);
				assertThat(connection.read().status()).as("round %d, first answer", round).isEqualTo(200);
				assertThat(connection.read().status()).as("round %d, second answer", round).isEqualTo(401);
				connection.send(AT_ONCE);
				assertThat(connection.read().status()).as("round %d, the request after them", round).isEqualTo(401);
			}
		}
	}

}

package io.parley.support;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.parley.support.Problems.expectProblem;

/**
 * The tests' clients ({@link TestClients}) leave no pooled connection holding a response
 * body that a test did not read.
 */
class TestClientsIntegrationTests extends IntegrationTest {

	private static final int CONNECTIONS = 2;

	@LocalServerPort
	int port;

	private final ConnectionProvider pool = ConnectionProvider.builder("few").maxConnections(CONNECTIONS).build();

	@AfterEach
	void disposePool() {
		this.pool.dispose();
	}

	@Test
	void statusOnlyAssertionsOnMoreResponsesThanThePoolHasConnectionsThenLaterRequestsAnswered() {
		Accounts accounts = new Accounts(clientReadingByTheFewBytes(), TestServices.mail());

		for (int i = 0; i < 3 * CONNECTIONS; i++) {
			accounts.me("not-a-token").expectStatus().isUnauthorized();
		}

		expectProblem(accounts.me("not-a-token"), HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	/**
	 * A client with the settings of every test client, a pool of {@link #CONNECTIONS} and
	 * reads of 64 bytes. In the suite, a response longer than the read that brought its
	 * headers (512 bytes and up, sized from the connection's recent reads) leaves the
	 * rest of its body in the socket until somebody reads the body; with reads of 64
	 * bytes every response does. Patient enough for requests that need no database.
	 */
	private WebTestClient clientReadingByTheFewBytes() {
		HttpClient http = HttpClient.create(this.pool)
			.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(64));
		return TestClients
			.configure(WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
				.baseUrl("http://localhost:" + this.port))
			.mutate()
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

}

package io.parley.realtime;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.support.AppSession;
import io.parley.support.Accounts;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Clients that hang up while their socket is still joining its room cancel the join's
 * queries midway: the database connections those queries ran on must still serve every
 * later request. With a pool of two connections, one spoiled connection would show. (A
 * guard for the join path; it did not reproduce the benchmark's spoiled pool of session
 * 4, see docs/performance.md.)
 */
class HandshakeCancellationIntegrationTests {

	private static final int SOCKETS = 200;

	private static ParleyInstance instance;

	@BeforeAll
	static void start() {
		instance = ParleyInstance.start("", "spring.r2dbc.pool.initial-size=1", "spring.r2dbc.pool.max-size=2");
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void socketsClosedRightAfterTheirHandshakeThenTheDatabaseStillAnswersEveryRequest() {
		AppSession alice = new Accounts(instance.api().http(), TestServices.mail()).newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		for (int i = 0; i < SOCKETS; i++) {
			TestSocket.open(instance.port(), "/room/" + roomId, alice.bearer()).close();
		}
		ParleyApi api = ParleyApi.onPort(instance.port());
		for (int i = 0; i < 10; i++) {
			assertThatCode(() -> assertThat(api.history(alice, roomId, "?limit=1")).containsKey("items"))
				.as("request %d after the hang-ups", i)
				.doesNotThrowAnyException();
		}
	}

}

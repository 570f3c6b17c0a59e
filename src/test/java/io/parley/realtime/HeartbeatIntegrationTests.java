package io.parley.realtime;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.SilentSocket;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server pings every socket each heartbeat (1 s here instead of 30 s) and drops one
 * that has not answered for two and a half heartbeats with 1001; a client that answers
 * pings stays.
 */
class HeartbeatIntegrationTests {

	private static ParleyInstance instance;

	@BeforeAll
	static void start() {
		instance = ParleyInstance.start("", "parley.realtime.heartbeat=1s");
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void clientThatNeverAnswersPingsIsClosedWith1001AndOneThatAnswersStays() throws InterruptedException {
		Accounts accounts = new Accounts(instance.api().http(), TestServices.mail());
		AppSession alice = accounts.newUser("alice");
		AppSession bob = accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket answering = instance.ready(alice, roomId);
				SilentSocket silent = SilentSocket.open(instance.port(), "/room/" + roomId, bob.bearer())) {
			Thread.sleep(Duration.ofSeconds(5).toMillis());
			List<String> frames = silent.readUntilClosed();
			assertThat(frames).contains("ping").endsWith("close 1001");
			answering.send("{\"type\":\"PING\"}");
			assertThat(answering.next("PONG").get("type").asString()).isEqualTo("PONG");
		}
	}

	@Test
	void aUsersSocketThatAnswersPingsStays() throws InterruptedException {
		AppSession carol = new Accounts(instance.api().http(), TestServices.mail()).newUser("carol");
		try (TestSocket users = instance.socket(carol, "/users")) {
			assertThat(users.next("USERS").get("type").asString()).isEqualTo("USERS");
			Thread.sleep(Duration.ofSeconds(5).toMillis());
			users.send("{\"type\":\"PING\"}");
			assertThat(users.next("PONG").get("type").asString()).isEqualTo("PONG");
		}
	}

}

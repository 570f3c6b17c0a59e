package io.parley.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.RawHttp;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and silent clients (slowloris) do not hold connections for good: with the timeouts
 * shortened to 1 s, a connection that sends nothing, stops in its headers, trickles them
 * (bytes of an unfinished request head do not restart the idle timeout) or stops in its
 * body is closed (the last answered 408 first), while WebSockets that stay silent far
 * longer stay open.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpTimeoutIntegrationTests {

	private static final Duration LIMIT = Duration.ofSeconds(8);

	private static ParleyInstance instance;

	@BeforeAll
	static void start() {
		instance = ParleyInstance.start("", "server.netty.idle-timeout=1s", "parley.http.request-timeout=1s");
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void connectionWhenNothingSentThenClosed() {
		try (RawHttp connection = RawHttp.connect(instance.port())) {
			assertThat(connection.readUntilClosed(LIMIT)).isEmpty();
		}
	}

	@Test
	void connectionWhenIdleBetweenRequestsThenClosed() {
		try (RawHttp connection = RawHttp.connect(instance.port())) {
			assertThat(connection.send("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status())
				.isEqualTo(200);
			assertThat(connection.readUntilClosed(LIMIT)).isEmpty();
		}
	}

	@Test
	void requestWhenHeadersStopThenClosed() {
		try (RawHttp connection = RawHttp.connect(instance.port())) {
			connection.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Ty");
			assertThat(connection.readUntilClosed(LIMIT)).isEmpty();
		}
	}

	@Test
	void requestWhenHeadersTrickleThenClosed() throws InterruptedException {
		try (RawHttp connection = RawHttp.connect(instance.port())) {
			String slowloris = "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n" + "X-a: b\r\n".repeat(5);
			assertThat(connection.trickle(slowloris, Duration.ofMillis(250))).as("closed while trickling").isTrue();
			assertThat(connection.readUntilClosed(LIMIT)).isEmpty();
		}
	}

	@Test
	void requestWhenBodyStopsThenRequestTimeoutAndClosed(CapturedOutput output) throws InterruptedException {
		int logged = output.getAll().length();
		try (RawHttp connection = RawHttp.connect(instance.port())) {
			connection.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100\r\n\r\n{\"lo");
			assertThat(connection.readUntilClosed(LIMIT)).startsWith("HTTP/1.1 408 ")
				.containsIgnoringCase("Content-Type: application/problem+json")
				.contains("\"code\":\"request_timeout\"");
		}
		Thread.sleep(300);
		assertThat(output.getAll().substring(logged)).doesNotContain("ERROR", "\tat ");
	}

	@Test
	void webSocketsWhenSilentLongerThanTheHttpTimeoutsThenStayOpen() throws InterruptedException {
		AppSession alice = new Accounts(instance.api().http(), TestServices.mail()).newUser("alice");
		long roomId = ParleyApi.room("public", alice);
		try (TestSocket room = instance.ready(alice, roomId);
				TestSocket rooms = instance.socket(alice, "/ws");
				TestSocket users = instance.socket(alice, "/users")) {
			users.next("USERS");
			Thread.sleep(Duration.ofSeconds(4).toMillis());
			for (TestSocket socket : List.of(room, rooms, users)) {
				socket.send("{\"type\":\"PING\"}");
				assertThat(socket.next("PONG").get("type").asString()).isEqualTo("PONG");
			}
		}
	}

}

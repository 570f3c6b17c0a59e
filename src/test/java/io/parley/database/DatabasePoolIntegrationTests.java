package io.parley.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;

import io.parley.support.AppSession;
import io.parley.support.Accounts;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.SlowSocket;
import io.parley.support.SocketFrames;
import io.parley.support.TestDatabase;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The database pool (two connections here, so one lost connection shows) keeps serving:
 * statements cancelled midway (by clients that hang up while their socket is joining its
 * room, or at any moment while an answer arrives) leave every connection answering, a
 * client that stops reading its replay holds none, and when none is free in time the
 * request is answered 503 {@code unavailable} rather than left waiting.
 */
class DatabasePoolIntegrationTests {

	private static final int SOCKETS = 200;

	private static ParleyInstance instance;

	@BeforeAll
	static void start() {
		instance = ParleyInstance.start("", "spring.r2dbc.pool.initial-size=1", "spring.r2dbc.pool.max-size=2",
				"spring.r2dbc.pool.max-acquire-time=1s");
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

	@Test
	void clientsThatStopReadingTheirReplayHoldNoDatabaseConnection() {
		AppSession bob = new Accounts(instance.api().http(), TestServices.mail()).newUser("bob");
		long roomId = ParleyApi.room("private", bob);
		TestDatabase.fillRoom(roomId, bob.userId(), 3000, 2000);
		List<SlowSocket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				stalled.add(SlowSocket.open(instance.port(), "/room/" + roomId + "?since=0", bob.bearer()));
			}
			ParleyApi api = ParleyApi.onPort(instance.port());
			for (int i = 0; i < 5; i++) {
				assertThatCode(() -> assertThat(api.history(bob, roomId, "?limit=1")).containsKey("items"))
					.as("request %d while three replays wait for their readers", i)
					.doesNotThrowAnyException();
			}
			SlowSocket reader = stalled.get(0);
			reader.resumeReading();
			List<Long> expected = LongStream.rangeClosed(1, 3000).boxed().toList();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> replayedSeqs(reader).size() >= expected.size());
			assertThat(replayedSeqs(reader)).as("the replay, page after page, once the client reads again")
				.isEqualTo(expected);
		}
		finally {
			stalled.forEach(SlowSocket::close);
		}
	}

	@Test
	void whenNoConnectionIsFreeInTimeRequestsAndSendsAreAnsweredUnavailable() {
		AppSession carol = new Accounts(instance.api().http(), TestServices.mail()).newUser("carol");
		long roomId = ParleyApi.room("private", carol);
		DatabaseClient client = instance.bean(DatabaseClient.class);
		try (TestSocket socket = instance.ready(carol, roomId)) {
			List<Integer> sleepers = new CopyOnWriteArrayList<>();
			Disposable occupied = Flux.range(0, 2)
				.flatMap((i) -> client.sql("SELECT 1 AS one FROM pg_sleep(60)")
					.map((row) -> row.get("one", Integer.class))
					.one()
					.onErrorReturn(0))
				.subscribe(sleepers::add);
			try {
				Awaitility.await()
					.atMost(Duration.ofSeconds(5))
					.until(() -> TestDatabase.runningStatements("pg_sleep(60)") == 2);
				instance.api()
					.get(carol, "/api/rooms/{id}/messages", roomId)
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.valueEquals(HttpHeaders.RETRY_AFTER, "1")
					.expectBody()
					.jsonPath("$.code")
					.isEqualTo("unavailable");
				socket.send(SocketFrames.send("while busy", "c-busy"));
				JsonNode error = socket.next("ERROR").get("data");
				assertThat(error.get("code").asString()).isEqualTo("unavailable");
				assertThat(error.get("clientMessageId").asString()).isEqualTo("c-busy");
			}
			finally {
				TestDatabase.cancelStatements("pg_sleep(60)");
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sleepers.size() == 2);
				occupied.dispose();
			}
			socket.send(SocketFrames.send("later", "c-later"));
			assertThat(SocketFrames.seq(socket.next("ACK"))).isEqualTo(1);
		}
	}

	private static List<Long> replayedSeqs(SlowSocket socket) {
		return socket.frames()
			.stream()
			.filter((frame) -> frame.path("type").asString().equals("NEW_MESSAGE"))
			.map(SocketFrames::seq)
			.toList();
	}

	@Test
	void statementsOfTheApplicationCancelledWhileTheirAnswerArrivesLeaveEveryConnectionAnswering() {
		DatabaseClient client = instance.bean(DatabaseClient.class);
		RacingCancels.run(client, 1500);
		RacingCancels.assertEveryConnectionAnswers(client, 2);
	}

}

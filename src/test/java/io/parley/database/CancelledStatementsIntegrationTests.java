package io.parley.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
 * Statements cancelled midway (by clients that hang up while their socket is joining its
 * room, or at any moment while an answer arrives) must leave every database connection
 * serving later requests. With a pool of two connections, one spoiled connection would
 * show.
 */
class CancelledStatementsIntegrationTests {

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
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (replayedSeqs(reader).size() < expected.size() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(replayedSeqs(reader)).as("the replay, page after page, once the client reads again")
				.isEqualTo(expected);
		}
		finally {
			stalled.forEach(SlowSocket::close);
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

package io.parley.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.RestartableRedis;
import io.parley.support.SocketFrames;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Parley instances sharing one PostgreSQL and one Redis: a room's members see one
 * ordered stream whichever instance they are on, also when the bus loses payloads.
 */
class ClusterIntegrationTests {

	private static RestartableRedis redis;

	private static ParleyInstance a;

	private static ParleyInstance b;

	private ParleyApi apiA;

	private Accounts accounts;

	@BeforeAll
	static void startCluster() {
		TestServices.start();
		redis = RestartableRedis.start();
		a = ParleyInstance.start(redis.url());
		b = ParleyInstance.start(redis.url());
	}

	@AfterAll
	static void stopCluster() {
		if (b != null) {
			b.close();
		}
		if (a != null) {
			a.close();
		}
		redis.stop();
	}

	@BeforeEach
	void setUp() {
		this.apiA = a.api();
		this.accounts = new Accounts(this.apiA.http(), TestServices.mail());
	}

	@Test
	void sendOnOneInstanceThenMembersOnBothInstancesSeeEverySeqInOrder() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		AppSession carol = this.accounts.newUser("carol");
		long roomId = ParleyApi.room("private", alice, bob, carol);
		try (TestSocket aliceOnA = a.ready(alice, roomId);
				TestSocket carolOnA = a.ready(carol, roomId);
				TestSocket bobOnB = b.ready(bob, roomId)) {
			for (int i = 1; i <= 50; i++) {
				aliceOnA.send(SocketFrames.send("m" + i, "c-" + i));
			}
			for (TestSocket socket : List.of(bobOnB, carolOnA)) {
				for (int seq = 1; seq <= 50; seq++) {
					JsonNode message = socket.next("NEW_MESSAGE");
					assertThat(SocketFrames.seq(message)).isEqualTo(seq);
					assertThat(message.get("data").get("content").asString()).isEqualTo("m" + seq);
				}
			}
			for (int seq = 1; seq <= 50; seq++) {
				assertThat(SocketFrames.seq(aliceOnA.next("ACK"))).isEqualTo(seq);
			}
			aliceOnA.send(SocketFrames.send("last", "c-last"));
			assertThat(SocketFrames.seq(bobOnB.next("NEW_MESSAGE"))).isEqualTo(51);
		}
	}

	@Test
	void aUserConnectedOnOneInstanceIsOnlineOnTheOtherUntilTheirLastSocketCloses() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket usersOnA = a.socket(alice, "/users")) {
			usersOnA.next("USERS");
			TestSocket bobOnB = b.ready(bob, roomId);
			JsonNode online = usersOnA.next("PRESENCE");
			assertThat(online.get("data").get("userId").asLong()).isEqualTo(bob.userId());
			assertThat(online.get("data").get("status").asString()).isEqualTo("online");
			TestSocket bobAgainOnA = a.ready(bob, roomId);
			try (TestSocket aliceOnA = a.ready(alice, roomId)) {
				bobAgainOnA.close();
				aliceOnA.send("{\"type\":\"PING\"}");
				aliceOnA.next("PONG");
				try (TestSocket late = a.socket(alice, "/room/" + roomId)) {
					assertThat(late.next("READY").get("data").get("online").toString()).as("bob is still on b")
						.contains(Long.toString(bob.userId()));
				}
				bobOnB.close();
				JsonNode offline = usersOnA.next("PRESENCE");
				assertThat(offline.get("data").get("userId").asLong()).isEqualTo(bob.userId());
				assertThat(offline.get("data").get("status").asString()).isEqualTo("offline");
			}
		}
	}

	@Test
	void sendOnBothInstancesAtOnceThenEveryoneSeesTheSameOrderedStream() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		AppSession carol = this.accounts.newUser("carol");
		AppSession dave = this.accounts.newUser("dave");
		long roomId = ParleyApi.room("private", alice, bob, carol, dave);
		try (TestSocket aliceOnA = a.ready(alice, roomId);
				TestSocket carolOnA = a.ready(carol, roomId);
				TestSocket bobOnB = b.ready(bob, roomId);
				TestSocket daveOnB = b.ready(dave, roomId)) {
			for (int i = 1; i <= 25; i++) {
				aliceOnA.send(SocketFrames.send("a" + i, "a-" + i));
				bobOnB.send(SocketFrames.send("b" + i, "b-" + i));
			}
			for (TestSocket socket : List.of(carolOnA, daveOnB)) {
				SocketFrames.expectSeqs(socket, 1, 50);
			}
			Map<String, Object> history = a.api().history(carol, roomId, "?after=0&limit=100");
			assertThat(ParleyApi.seqs(history)).hasSize(50);
		}
	}

	@Test
	void redisRestartedMidStreamThenRemoteSocketGetsEverySeqInOrderAndSinceReplaysExactlyOnce() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket bobOnB = b.ready(bob, roomId)) {
			sendOverRest(alice, roomId, 1, 5);
			SocketFrames.expectSeqs(bobOnB, 1, 5);
			redis.stop();
			try {
				sendOverRest(alice, roomId, 6, 10);
			}
			finally {
				redis.restart();
			}
			sendOverRest(alice, roomId, 11, 15);
			awaitPending(bobOnB, 10);
			SocketFrames.expectSeqs(bobOnB, 6, 10);
			this.apiA.message(alice, roomId, "live 16");
			assertThat(SocketFrames.seq(bobOnB.next("NEW_MESSAGE"))).isEqualTo(16);
		}
		try (TestSocket again = b.socket(bob, "/room/" + roomId + "?since=5")) {
			assertThat(again.next("READY").get("data").get("lastSeq").asLong()).isEqualTo(16);
			SocketFrames.expectSeqs(again, 6, 11);
			this.apiA.message(alice, roomId, "live 17");
			assertThat(SocketFrames.seq(again.next("NEW_MESSAGE"))).isEqualTo(17);
		}
	}

	@Test
	void publishLostThenTheMissingSeqIsFilledFromTheDatabaseBeforeTheNextMessage() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket bobOnB = b.ready(bob, roomId)) {
			this.apiA.message(alice, roomId, "announced");
			SocketFrames.expectSeqs(bobOnB, 1, 1);
			long unannounced = insertUnpublished(roomId, alice, "never published");
			assertThat(unannounced).isEqualTo(2);
			this.apiA.message(alice, roomId, "announced again");
			JsonNode filled = bobOnB.next("NEW_MESSAGE");
			assertThat(SocketFrames.seq(filled)).isEqualTo(2);
			assertThat(filled.get("data").get("content").asString()).isEqualTo("never published");
			assertThat(filled.get("data").get("sender").get("id").asLong()).isEqualTo(alice.userId());
			JsonNode next = bobOnB.next("NEW_MESSAGE");
			assertThat(SocketFrames.seq(next)).isEqualTo(3);
			assertThat(next.get("data").get("content").asString()).isEqualTo("announced again");
		}
	}

	@Test
	void messagesStoredWhileRedisIsDownThenDeliveredAfterItReturnsWithoutFurtherTraffic() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		try (TestSocket bobOnB = b.ready(bob, roomId)) {
			sendOverRest(alice, roomId, 1, 2);
			SocketFrames.expectSeqs(bobOnB, 1, 2);
			redis.stop();
			try {
				for (int seq = 3; seq <= 5; seq++) {
					assertThat(insertUnpublished(roomId, alice, "stored during the outage")).isEqualTo(seq);
				}
			}
			finally {
				redis.restart();
			}
			awaitPending(bobOnB, 3);
			SocketFrames.expectSeqs(bobOnB, 3, 3);
			this.apiA.message(alice, roomId, "after");
			assertThat(SocketFrames.seq(bobOnB.next("NEW_MESSAGE"))).isEqualTo(6);
		}
	}

	@Test
	void socketSendsWhileRedisIsDownThenOthersGetThemAfterTheRepairAndTheSenderOnlyItsAcks() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		AppSession carol = this.accounts.newUser("carol");
		long roomId = ParleyApi.room("private", alice, bob, carol);
		int sends = 40;
		try (TestSocket aliceOnA = a.ready(alice, roomId);
				TestSocket carolOnA = a.ready(carol, roomId);
				TestSocket bobOnB = b.ready(bob, roomId)) {
			redis.stop();
			try {
				for (int i = 1; i <= sends; i++) {
					aliceOnA.send(SocketFrames.send("during the outage " + i, "outage-" + i));
					assertThat(SocketFrames.seq(aliceOnA.next("ACK"))).isEqualTo(i);
				}
			}
			finally {
				redis.restart();
			}
			awaitPending(bobOnB, sends);
			SocketFrames.expectSeqs(bobOnB, 1, sends);
			awaitPending(carolOnA, sends);
			SocketFrames.expectSeqs(carolOnA, 1, sends);
			// whatever the repair handed alice's socket was queued before this PONG
			aliceOnA.send("{\"type\":\"PING\"}");
			assertThat(SocketFrames.typesUntil(aliceOnA, "PONG")).doesNotContain("NEW_MESSAGE");
		}
	}

	/**
	 * Stores a message the way {@code MessageRepository.insert} does, but publishes
	 * nothing: a publish the bus lost.
	 */
	private static long insertUnpublished(long roomId, AppSession sender, String content) {
		return Fixtures.sql("""
				WITH s AS (UPDATE rooms SET last_seq = last_seq + 1, last_activity_at = now()
				           WHERE id = ? RETURNING last_seq)
				INSERT INTO messages (room_id, seq, sender_id, kind, content)
				SELECT ?, s.last_seq, ?, 'text', ? FROM s
				RETURNING seq""", roomId, roomId, sender.userId(), content);
	}

	private void sendOverRest(AppSession as, long roomId, int from, int to) {
		for (int i = from; i <= to; i++) {
			assertThat(ParleyApi.number(this.apiA.message(as, roomId, "m" + i), "seq")).isEqualTo(i);
		}
	}

	/**
	 * The bus reconnects with back-off after an outage; the repair follows, so this waits
	 * longer than a socket's usual 10 s.
	 */
	private static void awaitPending(TestSocket socket, int frames) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> socket.pending() >= frames);
	}

}

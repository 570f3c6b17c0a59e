package io.parley.message;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.RoomLock;
import io.parley.support.SocketFrames;
import io.parley.support.RowLocks;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room whose row another transaction keeps (a stuck transaction, a long delete): its
 * held-back sends fail with {@code rate_limited} once it has been busy for
 * {@code parley.messages.max-busy-wait} (one second here), take no seq, and the room
 * takes sends again once it is free.
 */
class BusyRoomIntegrationTests {

	private static final String DEFERRED = "parley_messages_deferred_total";

	private static ParleyInstance instance;

	@BeforeAll
	static void start() {
		instance = ParleyInstance.start("", "parley.messages.max-busy-wait=1s");
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	/**
	 * A room busy once, then free for longer than the limit while its sends are stored,
	 * then busy again: its held sends wait for the new busy spell's limit, not the first
	 * one's. Made deterministic with more held sends than one batch takes (144 of 128, so
	 * the room stays listed) and a lock on the sender's membership that stalls the first
	 * successful retry for 1.5 s; the room is locked again the moment that retry commits.
	 */
	@Test
	void aBusySpellIsTimedFromTheRoomsLastFreeTryNotFromItsFirstBusyOne() throws Exception {
		AppSession alice = new Accounts(instance.api().http(), TestServices.mail()).newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		List<TestSocket> sockets = new ArrayList<>();
		for (int s = 0; s < 9; s++) {
			sockets.add(instance.ready(alice, roomId));
		}
		try {
			double deferredBefore = instance.api().metric(DEFERRED);
			Connection membership;
			try (RoomLock first = RoomLock.hold(roomId, instance.api())) {
				for (int k = 0; k < 16; k++) {
					for (int s = 0; s < sockets.size(); s++) {
						sockets.get(s).send(SocketFrames.send("m", "s" + s + "-" + k));
					}
				}
				Awaitility.await()
					.atMost(Duration.ofSeconds(30))
					.until(() -> instance.api().metric(DEFERRED) - deferredBefore >= 144);
				membership = RowLocks.lockMembership(roomId, alice.userId());
			}
			// the retry of 128 now holds the room and waits for the membership
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waitingForLocks() == 1);
			Thread.sleep(1500);
			CompletableFuture<RoomLock> second = CompletableFuture
				.supplyAsync(() -> RoomLock.hold(roomId, instance.api()));
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waitingForLocks() == 2);
			membership.rollback();
			membership.close();
			try (RoomLock again = second.get(10, TimeUnit.SECONDS)) {
				// the other 16 are tried and found busy; a limit timed from the first
				// spell would refuse them now
				Thread.sleep(500);
			}
			for (TestSocket socket : sockets) {
				for (int k = 0; k < 16; k++) {
					assertThat(socket.next("ACK")).as("no ERROR before the ACKs").isNotNull();
				}
			}
		}
		finally {
			sockets.forEach(TestSocket::close);
		}
	}

	@Test
	void sendsToARoomBusyLongerThanTheLimitFailWithRateLimitedAndTakeNoSeq() {
		AppSession alice = new Accounts(instance.api().http(), TestServices.mail()).newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		try (TestSocket socket = instance.ready(alice, roomId)) {
			try (RoomLock lock = RoomLock.hold(roomId, instance.api())) {
				socket.send(SocketFrames.send("first", "c-1"));
				socket.send(SocketFrames.send("second", "c-2"));
				lock.awaitSendsHeldBack();
				for (String clientMessageId : List.of("c-1", "c-2")) {
					JsonNode error = socket.next("ERROR").get("data");
					assertThat(error.get("code").asString()).isEqualTo("rate_limited");
					assertThat(error.get("clientMessageId").asString()).isEqualTo(clientMessageId);
				}
			}
			assertThat(instance.api().metric("parley_messages_busy_refused_total")).isEqualTo(2.0);
			socket.send(SocketFrames.send("after", "c-3"));
			assertThat(SocketFrames.seq(socket.next("ACK"))).isEqualTo(1);
		}
		Map<String, Object> page = instance.api().history(alice, roomId, "?after=0&limit=50");
		assertThat(ParleyApi.seqs(page)).containsExactly(1L);
	}

}

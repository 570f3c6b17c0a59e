package io.parley.message;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;
import io.parley.support.RowLocks;

import static org.assertj.core.api.Assertions.assertThat;

class WriterTurnsIntegrationTests extends IntegrationTest {

	@Autowired
	MessageWriter writer;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MessageProperties properties;

	@Test
	void sendsToEveryLaneQueuedWhileABatchIsStoredGoInOneBatchPerLane() throws Exception {
		AppSession alice = this.accounts.newUser("alice");
		int lanes = this.properties.writers();
		assertThat(lanes).as("the test spreads rooms over several lanes").isGreaterThan(1);
		List<Long> rooms = IntStream.range(0, 2 * lanes)
			.mapToObj((i) -> Fixtures.room(alice.userId(), "private"))
			.toList();
		int perRoom = 5;
		long batchesBefore = batches();
		List<Mono<Message>> sends = new ArrayList<>();
		try (Connection lock = RowLocks.lockMembership(rooms.get(0), alice.userId())) {
			// the first batch waits for the lock (moving alice's read marker) meanwhile
			sends.add(send(rooms.get(0), alice, 0));
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waitingForLocks() > 0);
			long queuingFrom = System.nanoTime();
			for (int i = 0; i < perRoom; i++) {
				for (long roomId : rooms) {
					if (i > 0 || roomId != rooms.get(0)) {
						sends.add(send(roomId, alice, i));
					}
				}
			}
			long queuing = System.nanoTime() - queuingFrom;
			lock.commit();
			// a lane in line writes what it has once no batch has started for STALLED:
			// a pause of this JVM while queuing would split its sends (no verdict then)
			Assumptions.assumeTrue(queuing < MessageWriter.STALLED.toNanos(),
					() -> "queuing took " + Duration.ofNanos(queuing).toMillis() + " ms");
		}
		List<Message> stored = Flux.concat(sends).collectList().block(Duration.ofSeconds(30));
		assertThat(stored).hasSize(rooms.size() * perRoom);
		// then each lane stores all it queued in one batch (side by side, the lanes would
		// have written their first sends at once, and the rest after)
		assertThat(batches() - batchesBefore).isLessThanOrEqualTo(lanes + 1);
		for (long roomId : rooms) {
			assertThat(Fixtures.sql("SELECT max(seq) FROM messages WHERE room_id = ?", roomId)).isEqualTo(perRoom);
		}
	}

	@Test
	void aBatchWaitingForALockHoldsUpNoOtherLane() throws Exception {
		AppSession alice = this.accounts.newUser("alice");
		int lanes = this.properties.writers();
		long stuckRoom = Fixtures.room(alice.userId(), "private");
		long otherRoom = Fixtures.room(alice.userId(), "private");
		assertThat(Math.floorMod(otherRoom, lanes)).isNotEqualTo(Math.floorMod(stuckRoom, lanes));
		try (Connection lock = RowLocks.lockMembership(stuckRoom, alice.userId())) {
			Mono<Message> stuck = send(stuckRoom, alice, 0);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waitingForLocks() > 0);
			Message other = send(otherRoom, alice, 0).block(Duration.ofSeconds(5));
			assertThat(other.seq()).isEqualTo(1);
			lock.commit();
			assertThat(stuck.block(Duration.ofSeconds(10)).seq()).isEqualTo(1);
		}
	}

	/** A send queued now (subscribed at once), to be awaited later. */
	private Mono<Message> send(long roomId, AppSession sender, int n) {
		Mono<Message> sent = this.writer.write(roomId, sender.userId(), "m" + n, null, 0).cache();
		sent.subscribe();
		return sent;
	}

	private long batches() {
		return this.meters.get("parley.messages.batch.size").summary().count();
	}

}

package io.parley.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class WriterTurnsIntegrationTests extends IntegrationTest {

	@Autowired
	MessageWriter writer;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MessageProperties properties;

	@Test
	void sendsToEveryLaneArrivingTogetherAreStoredInOneBatchPerLaneAfterTheFirst() {
		AppSession alice = this.accounts.newUser("alice");
		int lanes = this.properties.writers();
		assertThat(lanes).as("the test spreads rooms over several lanes").isGreaterThan(1);
		List<Long> rooms = IntStream.range(0, 2 * lanes)
			.mapToObj((i) -> Fixtures.room(alice.userId(), "private"))
			.toList();
		int perRoom = 5;
		long batchesBefore = batches();
		List<Mono<Message>> sends = new ArrayList<>();
		for (int i = 0; i < perRoom; i++) {
			for (long roomId : rooms) {
				// subscribed now, so that every send is queued before the first batch is
				// back
				sends.add(this.writer.write(roomId, alice.userId(), "m" + i, null, 0).cache());
				sends.get(sends.size() - 1).subscribe();
			}
		}
		List<Message> stored = Flux.concat(sends).collectList().block(Duration.ofSeconds(30));
		assertThat(stored).hasSize(rooms.size() * perRoom);
		// the first lane writes its first send at once; each lane's sends queued
		// meanwhile
		// go in one batch when its turn comes (side by side, each lane would have written
		// a first batch of one before its rest)
		assertThat(batches() - batchesBefore).isLessThanOrEqualTo(lanes + 1);
		for (long roomId : rooms) {
			assertThat(Fixtures.sql("SELECT max(seq) FROM messages WHERE room_id = ?", roomId)).isEqualTo(perRoom);
		}
	}

	private long batches() {
		return this.meters.get("parley.messages.batch.size").summary().count();
	}

}

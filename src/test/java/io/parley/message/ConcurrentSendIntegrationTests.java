package io.parley.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentSendIntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	private long send(AppSession sender, long roomId, Map<String, String> body) {
		return WebClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/rooms/{id}/messages", roomId)
			.header("Authorization", sender.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(Map.class)
			.map((answer) -> ((Number) answer.get("id")).longValue())
			.block(Duration.ofSeconds(30));
	}

	@Test
	void manySendersAtOnceInSeveralRoomsThenEachRoomsSeqsAreContiguous() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		List<Long> rooms = IntStream.range(0, 3).mapToObj((i) -> {
			long roomId = Fixtures.room(alice.userId(), "private");
			Fixtures.join(roomId, bob.userId(), "member");
			return roomId;
		}).toList();
		int perRoom = 15;
		List<Long> sent = Flux.range(0, rooms.size() * perRoom)
			.flatMap((i) -> Flux
				.defer(() -> Flux
					.just(send((i % 2 == 0) ? alice : bob, rooms.get(i % rooms.size()), Map.of("content", "m" + i))))
				.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 24)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(sent).hasSize(rooms.size() * perRoom);
		for (long roomId : rooms) {
			assertThat(Fixtures.sql("SELECT count(*) FROM messages WHERE room_id = ?", roomId)).isEqualTo(perRoom);
			assertThat(Fixtures.sql("SELECT max(seq) FROM messages WHERE room_id = ?", roomId)).isEqualTo(perRoom);
			assertThat(Fixtures.sql("SELECT last_seq FROM rooms WHERE id = ?", roomId)).isEqualTo(perRoom);
		}
	}

	@Test
	void sameClientMessageIdSentConcurrentlyThenStoredOnceAndBothAnswersNameIt() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		List<Long> answers = Flux.range(0, 6)
			.flatMap((i) -> Flux.defer(
					() -> Flux.just(send(alice, roomId, Map.of("content", "try " + i, "clientMessageId", "same-id"))))
				.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 6)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(answers).hasSize(6).containsOnly(answers.get(0));
		assertThat(Fixtures.sql("SELECT count(*) FROM messages WHERE room_id = ?", roomId)).isEqualTo(1);
		assertThat(Fixtures.sql("SELECT last_seq FROM rooms WHERE id = ?", roomId)).isEqualTo(1);
	}

}

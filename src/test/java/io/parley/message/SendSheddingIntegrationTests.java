package io.parley.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.RoomLock;
import io.parley.support.SocketFrames;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load shedding: with at most {@value #LIMIT} sends waiting to be stored, the excess is
 * refused at once with {@code rate_limited} (429 with {@code Retry-After} over REST, an
 * ERROR frame over a socket that stays open) and never stored. The test holds the room's
 * row lock, so the writer holds the room's sends back (they keep their places) until the
 * lock is released: the queue fills the same way on every run.
 */
class SendSheddingIntegrationTests {

	private static final int LIMIT = 3;

	private static final int OVER = 2;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static ParleyInstance instance;

	@BeforeAll
	static void start() {
		// the per-user send limit admits every send of the test only if shed sends do not
		// count against it
		instance = ParleyInstance.start("", "parley.messages.max-queued-sends=" + LIMIT,
				"parley.messages.sends-per-window=" + (LIMIT + 2));
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void sendsBeyondTheQueueLimitThenRateLimitedAtOnceAndTheAcceptedStoredWithContiguousSeqs() {
		AppSession alice = new Accounts(instance.api().http(), TestServices.mail()).newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		Flux<ResponseEntity<Map<String, Object>>> rest;
		try (TestSocket first = instance.ready(alice, roomId); TestSocket late = instance.ready(alice, roomId)) {
			try (RoomLock lock = RoomLock.hold(roomId, instance.api())) {
				first.send(SocketFrames.send("first", "c-first"));
				// the writer has tried "first" and holds it back: one place taken
				lock.awaitSendsHeldBack();
				rest = Flux.range(2, LIMIT - 1 + OVER)
					.flatMap((i) -> post(alice, roomId, "rest-" + i))
					.replay()
					.autoConnect(0);
				// LIMIT - 1 of them wait behind "first"; the others are answered at once
				List<ResponseEntity<Map<String, Object>>> shed = rest.take(OVER).collectList().block(WAIT);
				assertThat(shed).hasSize(OVER).allSatisfy((answer) -> {
					assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
					assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
					assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
					assertThat(answer.getBody()).containsEntry("code", "rate_limited");
				});
				// the queue stays full while the lock is held
				late.send(SocketFrames.send("over", "c-over"));
				JsonNode error = late.next("ERROR").get("data");
				assertThat(error.get("code").asString()).isEqualTo("rate_limited");
				assertThat(error.get("clientMessageId").asString()).isEqualTo("c-over");
				late.send("{\"type\":\"PING\"}");
				late.next("PONG");
			}
			JsonNode ack = first.next("ACK").get("data");
			assertThat(ack.get("clientMessageId").asString()).isEqualTo("c-first");
			assertThat(ack.get("seq").asLong()).isEqualTo(1);
			List<ResponseEntity<Map<String, Object>>> answers = rest.collectList().block(WAIT);
			assertThat(answers).filteredOn((answer) -> answer.getStatusCode() == HttpStatus.CREATED)
				.extracting((answer) -> ((Number) answer.getBody().get("seq")).longValue())
				.containsExactlyInAnyOrderElementsOf(seqs(2, LIMIT));
			late.send(SocketFrames.send("after", "c-after"));
			assertThat(SocketFrames.seq(late.next("ACK"))).isEqualTo(LIMIT + 1);
		}
		Map<String, Object> page = instance.api().history(alice, roomId, "?after=0&limit=50");
		assertThat(ParleyApi.seqs(page)).containsExactlyElementsOf(seqs(1, LIMIT + 1));
		assertThat(Fixtures.sql("SELECT last_seq FROM rooms WHERE id = ?", roomId)).isEqualTo(LIMIT + 1);
		assertThat(Fixtures.sql("SELECT count(*) FROM messages WHERE room_id = ? AND content = 'over'", roomId))
			.isZero();
		assertThat(instance.api().metric("parley_messages_shed_total")).isEqualTo(OVER + 1);
	}

	private static List<Long> seqs(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

	private static Mono<ResponseEntity<Map<String, Object>>> post(AppSession as, long roomId, String content) {
		return WebClient.create("http://localhost:" + instance.port())
			.post()
			.uri("/api/rooms/{id}/messages", roomId)
			.header(HttpHeaders.AUTHORIZATION, as.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("content", content, "clientMessageId", content))
			.exchangeToMono((response) -> response.toEntity(JSON_OBJECT));
	}

}

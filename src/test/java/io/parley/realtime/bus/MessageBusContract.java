package io.parley.realtime.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guarantees {@link MessageBus} documents, run against every implementation.
 */
abstract class MessageBusContract {

	private static final Duration WAIT = Duration.ofSeconds(10);

	protected abstract MessageBus bus();

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Test
	void publishAfterSubscriptionIsActiveThenEverySubscriberGetsEveryPayloadInOrder() {
		String topic = "contract-" + System.nanoTime();
		Flux<byte[]> first = bus().subscribe(topic).block(WAIT);
		Flux<byte[]> second = bus().subscribe(topic).block(WAIT);
		List<String> sent = List.of("one", "two", "three");
		Flux<String> firstAll = first.map(MessageBusContract::text).take(3).cache();
		Flux<String> secondAll = second.map(MessageBusContract::text).take(3).cache();
		firstAll.subscribe();
		secondAll.subscribe();
		Flux.fromIterable(sent).concatMap((payload) -> bus().publish(topic, bytes(payload))).blockLast(WAIT);
		assertThat(firstAll.collectList().block(WAIT)).containsExactlyElementsOf(sent);
		assertThat(secondAll.collectList().block(WAIT)).containsExactlyElementsOf(sent);
	}

	@Test
	void payloadsOfOtherTopicsAreNotDelivered() {
		String topic = "contract-a-" + System.nanoTime();
		String other = "contract-b-" + System.nanoTime();
		Flux<String> received = bus().subscribe(topic).block(WAIT).map(MessageBusContract::text).take(1).cache();
		received.subscribe();
		bus().publish(other, bytes("elsewhere")).block(WAIT);
		bus().publish(topic, bytes("here")).block(WAIT);
		assertThat(received.blockFirst(WAIT)).isEqualTo("here");
	}

	@Test
	void lastReceiverLeavesAndAnotherSubscribesAtOnceThenTheNewOneReceives() {
		String topic = "contract-again-" + System.nanoTime();
		bus().subscribe(topic).block(WAIT).subscribe().dispose();
		Flux<String> again = bus().subscribe(topic).block(WAIT).map(MessageBusContract::text).take(1).cache();
		again.subscribe();
		bus().publish(topic, bytes("after")).block(WAIT);
		assertThat(again.blockFirst(WAIT)).isEqualTo("after");
	}

	@Test
	void payloadsPublishedTogetherArriveInOrderAndTheirPublishesComplete() {
		String topic = "contract-together-" + System.nanoTime();
		Flux<String> received = bus().subscribe(topic).block(WAIT).map(MessageBusContract::text).take(3).cache();
		received.subscribe();
		List<String> sent = List.of("one", "two", "three");
		List<Mono<Void>> publishes = new ArrayList<>();
		bus().publishingTogether(() -> sent.forEach((payload) -> {
			Mono<Void> publish = bus().publish(topic, bytes(payload)).cache();
			publish.subscribe();
			publishes.add(publish);
		}));
		assertThat(received.collectList().block(WAIT)).containsExactlyElementsOf(sent);
		StepVerifier.create(Flux.concat(publishes)).expectComplete().verify(WAIT);
	}

	@Test
	void publishWithoutSubscribersThenNothingFails() {
		StepVerifier.create(bus().publish("nobody-" + System.nanoTime(), bytes("void"))).verifyComplete();
	}

}

package io.parley.realtime.bus;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries opaque payloads on named topics between the instances of a cluster.
 *
 * <p>
 * Guarantees, which callers must not assume to be stronger:
 * <ul>
 * <li>At most once. A payload may be lost (a publish during a broker outage, a subscriber
 * that reconnects) or, for some brokers, reordered. Callers that need completeness and
 * order (room messages) number their payloads and repair gaps from the database.</li>
 * <li>A subscriber receives only payloads published after its subscription became active,
 * which is when {@link #subscribe}'s {@code Mono} emits.</li>
 * <li>Payloads from one publisher (a thread) on one topic are delivered in publish order
 * while nothing is lost.</li>
 * <li>Every subscriber of a topic, on every instance, including the publishing instance,
 * receives each delivered payload once.</li>
 * </ul>
 */
public interface MessageBus {

	/**
	 * Hands the payload to the transport; completes when the transport took it (Redis:
	 * answered the PUBLISH), not when it is delivered.
	 */
	Mono<Void> publish(String topic, byte[] payload);

	/**
	 * Subscribes to a topic. The {@code Mono} emits once the subscription is active; the
	 * inner {@code Flux} then carries payloads until it is cancelled.
	 */
	Mono<Flux<byte[]>> subscribe(String topic);

	/**
	 * Emits each time the transport reconnected after an outage, during which payloads
	 * may have been lost; subscribers repair what they track.
	 */
	Flux<Long> reconnects();

	/**
	 * Runs {@code work}; payloads it publishes on this thread may be handed to the
	 * transport together once it returns (one write for many), still in publish order
	 * among themselves. Until then a payload published by another thread to the same
	 * topic may overtake them, so callers use it only for payloads that do not depend on
	 * each other's order across threads (room messages are numbered). Their
	 * {@link #publish} {@code Mono}s complete only after the hand-over. By default each
	 * is handed over at once.
	 */
	default void publishingTogether(Runnable work) {
		work.run();
	}

}

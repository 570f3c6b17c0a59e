package io.parley.realtime.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The bus over Redis pub/sub, on the Lettuce client of Spring's connection factory: one
 * subscriber connection per instance whose single listener hands each payload to its
 * topic's receivers by a map lookup (so a payload costs the same however many rooms are
 * subscribed), and one publisher connection. Topics are prefixed {@code parley:}.
 *
 * <p>
 * Redis pub/sub is at most once: whatever is published while a subscriber is disconnected
 * is lost to it, which is why {@link #reconnects()} tells subscribers when to repair.
 * Lettuce subscribes the connection to its channels again after a reconnect.
 */
public class RedisMessageBus implements MessageBus, DisposableBean {

	static final String PREFIX = "parley:";

	private static final Logger log = LoggerFactory.getLogger(RedisMessageBus.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final StatefulRedisPubSubConnection<String, byte[]> subscriber;

	private final StatefulRedisConnection<String, byte[]> publisher;

	private final GatheredPublishes gathered;

	private final Map<String, Topic> topics = new ConcurrentHashMap<>();

	private final Flux<Long> reconnects;

	public RedisMessageBus(LettuceConnectionFactory connections) {
		if (!(connections.getNativeClient() instanceof RedisClient client)) {
			throw new IllegalStateException("Parley's Redis bus needs a standalone Redis (PARLEY_REDIS_URL)");
		}
		this.subscriber = client.connectPubSub(CODEC);
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, byte[] payload) {
				Topic topic = RedisMessageBus.this.topics.get(channel);
				if (topic != null) {
					topic.deliver(payload);
				}
			}
		});
		this.publisher = client.connect(CODEC);
		this.gathered = new GatheredPublishes(this.publisher, CODEC);
		AtomicLong count = new AtomicLong();
		this.reconnects = client.getResources()
			.eventBus()
			.get()
			.filter(ConnectionActivatedEvent.class::isInstance)
			.concatMap((event) -> resubscribed().then(Mono.fromSupplier(count::incrementAndGet)))
			.share();
	}

	@Override
	public Mono<Void> publish(String topic, byte[] payload) {
		return Mono.fromCompletionStage(() -> {
			CompletionStage<Long> gathered = this.gathered.gather(PREFIX + topic, payload);
			return (gathered != null) ? gathered : this.publisher.async().publish(PREFIX + topic, payload);
		}).then();
	}

	/**
	 * Publishes made by the work on this thread go to Redis in one write when it returns.
	 */
	@Override
	public void publishingTogether(Runnable work) {
		this.gathered.during(work);
	}

	@Override
	public Mono<Flux<byte[]>> subscribe(String topic) {
		String channel = PREFIX + topic;
		return Mono.defer(() -> {
			// holds payloads from the moment the subscription is active until read
			Sinks.Many<byte[]> receiver = Sinks.many().unicast().onBackpressureBuffer();
			Mono<Void> active;
			// (UN)SUBSCRIBE goes out under the lock: Redis sees the map's order
			synchronized (this.topics) {
				Topic entry = this.topics.computeIfAbsent(channel,
						(name) -> new Topic(Mono.fromCompletionStage(this.subscriber.async().subscribe(name)).cache()));
				entry.receivers.add(receiver);
				active = entry.active;
			}
			Flux<byte[]> payloads = receiver.asFlux().doFinally((signal) -> release(channel, receiver));
			return active.then(Mono.just(payloads)).doOnError((ex) -> release(channel, receiver));
		});
	}

	/**
	 * Completes once the subscriber connection is subscribed to every topic again.
	 * Lettuce resubscribes by itself after a reconnect, but a repair that ran before that
	 * would miss what is published in between; so SUBSCRIBE again (Redis ignores a
	 * repeat) and signal the reconnect only when Redis has answered.
	 */
	private Mono<Void> resubscribed() {
		synchronized (this.topics) {
			if (this.topics.isEmpty()) {
				return Mono.empty();
			}
			return Mono
				.fromCompletionStage(this.subscriber.async().subscribe(this.topics.keySet().toArray(String[]::new)))
				.onErrorResume((ex) -> {
					log.warn("Could not subscribe again after a reconnect: {}", ex.toString());
					return Mono.empty();
				});
		}
	}

	private void release(String channel, Sinks.Many<byte[]> receiver) {
		synchronized (this.topics) {
			Topic entry = this.topics.get(channel);
			if (entry == null || !entry.receivers.remove(receiver) || !entry.receivers.isEmpty()) {
				return;
			}
			this.topics.remove(channel);
			this.subscriber.async().unsubscribe(channel).exceptionally((ex) -> {
				log.warn("Could not unsubscribe from {}: {}", channel, ex.toString());
				return null;
			});
		}
	}

	@Override
	public Flux<Long> reconnects() {
		return this.reconnects;
	}

	@Override
	public void destroy() {
		this.subscriber.close();
		this.publisher.close();
	}

	/** The local receivers of one channel; the subscription is shared. */
	private static final class Topic {

		private final Mono<Void> active;

		private final List<Sinks.Many<byte[]>> receivers = new CopyOnWriteArrayList<>();

		Topic(Mono<Void> active) {
			this.active = active;
		}

		/** Called on the subscriber connection's thread, one payload at a time. */
		void deliver(byte[] payload) {
			for (Sinks.Many<byte[]> receiver : this.receivers) {
				receiver.tryEmitNext(payload);
			}
		}

	}

}

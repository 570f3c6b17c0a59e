package io.parley.realtime.bus;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The bus over Redis pub/sub: one shared subscriber connection per instance, topics
 * prefixed {@code parley:}. Redis pub/sub is at most once: whatever is published while a
 * subscriber is disconnected is lost to it, which is why {@link #reconnects()} tells
 * subscribers when to repair.
 */
public class RedisMessageBus implements MessageBus, DisposableBean {

	static final String PREFIX = "parley:";

	private static final SerializationPair<String> TOPICS = SerializationPair.fromSerializer(RedisSerializer.string());

	private static final SerializationPair<byte[]> PAYLOADS = SerializationPair
		.fromSerializer(RedisSerializer.byteArray());

	private final ReactiveRedisMessageListenerContainer container;

	private final ReactiveRedisTemplate<String, byte[]> template;

	private final Flux<Long> reconnects;

	public RedisMessageBus(ReactiveRedisConnectionFactory connections) {
		this.container = new ReactiveRedisMessageListenerContainer(connections);
		this.template = new ReactiveRedisTemplate<>(connections,
				RedisSerializationContext.<String, byte[]>newSerializationContext(RedisSerializer.string())
					.value(PAYLOADS)
					.hashValue(PAYLOADS)
					.build());
		AtomicLong count = new AtomicLong();
		this.reconnects = (connections instanceof LettuceConnectionFactory lettuce
				&& lettuce.getClientResources() != null)
						? lettuce.getClientResources()
							.eventBus()
							.get()
							.filter(ConnectionActivatedEvent.class::isInstance)
							.map((event) -> count.incrementAndGet())
							.share()
						: Flux.never();
	}

	@Override
	public Mono<Void> publish(String topic, byte[] payload) {
		return this.template.convertAndSend(PREFIX + topic, payload).then();
	}

	@Override
	public Mono<Flux<byte[]>> subscribe(String topic) {
		return this.container.receiveLater(List.of(ChannelTopic.of(PREFIX + topic)), TOPICS, PAYLOADS)
			.map((messages) -> messages.map(ReactiveSubscription.Message::getMessage));
	}

	@Override
	public Flux<Long> reconnects() {
		return this.reconnects;
	}

	@Override
	public void destroy() {
		this.container.destroy();
	}

}

package io.parley.realtime.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The bus of a single instance: one multicast sink per topic. Nothing is lost and order
 * is kept, but it spans one JVM only.
 */
public class InProcessMessageBus implements MessageBus {

	private final Map<String, Sinks.Many<byte[]>> topics = new ConcurrentHashMap<>();

	@Override
	public Mono<Void> publish(String topic, byte[] payload) {
		return Mono.fromRunnable(() -> {
			Sinks.Many<byte[]> sink = this.topics.get(topic);
			if (sink != null) {
				synchronized (sink) {
					sink.tryEmitNext(payload);
				}
			}
		});
	}

	@Override
	public Mono<Flux<byte[]>> subscribe(String topic) {
		return Mono.fromSupplier(() -> {
			Sinks.Many<byte[]> sink = this.topics.computeIfAbsent(topic,
					(name) -> Sinks.many().multicast().directBestEffort());
			return sink.asFlux();
		});
	}

	@Override
	public Flux<Long> reconnects() {
		return Flux.never();
	}

}

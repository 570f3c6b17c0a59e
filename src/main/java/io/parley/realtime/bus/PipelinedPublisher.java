package io.parley.realtime.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * PUBLISHes on a connection of its own, pipelined: publishes from any thread are queued,
 * and one task on a single executor writes everything queued so far and flushes once. A
 * burst (a stored batch of messages) costs one write to Redis instead of one per message,
 * and publishes leave in the order they were queued.
 */
final class PipelinedPublisher {

	/** Bounds one write; the rest goes in the next. */
	private static final int MAX_PIPELINE = 512;

	private final StatefulRedisConnection<String, byte[]> connection;

	private final RedisAsyncCommands<String, byte[]> commands;

	private final Executor executor;

	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	PipelinedPublisher(StatefulRedisConnection<String, byte[]> connection, Executor executor) {
		this.connection = connection;
		this.connection.setAutoFlushCommands(false);
		this.commands = connection.async();
		this.executor = executor;
	}

	Mono<Void> publish(String channel, byte[] payload) {
		return Mono.defer(() -> {
			Pending pending = new Pending(channel, payload, Sinks.empty());
			this.queue.add(pending);
			if (this.scheduled.compareAndSet(false, true)) {
				this.executor.execute(this::drain);
			}
			return pending.done().asMono();
		});
	}

	/** Runs on the executor only, so the connection's manual flushing is never shared. */
	private void drain() {
		this.scheduled.set(false);
		List<Pending> batch = new ArrayList<>();
		Pending next;
		while ((next = this.queue.poll()) != null) {
			batch.add(next);
			if (batch.size() == MAX_PIPELINE) {
				write(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			write(batch);
		}
		if (!this.queue.isEmpty() && this.scheduled.compareAndSet(false, true)) {
			this.executor.execute(this::drain);
		}
	}

	private void write(List<Pending> batch) {
		for (Pending pending : batch) {
			this.commands.publish(pending.channel(), pending.payload()).whenComplete((receivers, ex) -> {
				if (ex != null) {
					pending.done().tryEmitError(ex);
				}
				else {
					pending.done().tryEmitEmpty();
				}
			});
		}
		this.connection.flushCommands();
	}

	void close() {
		this.connection.close();
	}

	private record Pending(String channel, byte[] payload, Sinks.Empty<Void> done) {
	}

}

package io.parley.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import io.parley.web.CommonErrors;

/**
 * Stores new messages in batches: sends that arrive while a batch is being written wait
 * and go together in the next statement, so under load one round trip stores many
 * messages (an idle server still writes a lone message at once). A few writers run at a
 * time; each locks its rooms in id order, so they never deadlock.
 * <p>
 * The queue is bounded ({@code parley.messages.max-queued-sends}, see
 * {@link SendBacklog}): a send that finds it full is not queued but fails at once with
 * {@code rate_limited} (retry after 1 s), the error of the per-user send limit, so it
 * stores nothing and takes no seq.
 */
@Component
class MessageWriter {

	static final int MAX_BATCH = 128;

	static final int WRITERS = 4;

	/** Sends waiting before a second (third, ...) writer is started. */
	static final int EXTRA_WRITER_BACKLOG = 32;

	private final MessageRepository messages;

	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger writers = new AtomicInteger();

	private final SendBacklog backlog;

	MessageWriter(MessageRepository messages, SendBacklog backlog) {
		this.messages = messages;
		this.backlog = backlog;
	}

	/**
	 * Stores the message as its room's next seq; empty if the sender is not a member. A
	 * repeated client message id fails with {@link DataIntegrityViolationException}; a
	 * full queue fails it with {@code rate_limited}.
	 */
	Mono<Message> write(long roomId, long senderId, String content, @Nullable String clientMessageId, long origin) {
		return Mono.defer(() -> {
			if (!this.backlog.tryEnter()) {
				return Mono.error(CommonErrors.rateLimited(SendBacklog.RETRY_AFTER));
			}
			Pending pending = new Pending(
					new MessageRepository.NewRow(roomId, senderId, content, clientMessageId, origin), Sinks.one());
			this.queue.add(pending);
			startWriter();
			return pending.result().asMono();
		});
	}

	/**
	 * Starts a writer when none runs, or another one (up to {@link #WRITERS}) when the
	 * backlog is more than a running writer's next batch would take soon: fewer, fuller
	 * batches mean fewer commits for PostgreSQL at the same latency.
	 */
	private void startWriter() {
		int running = this.writers.get();
		while (running < WRITERS && (running == 0 || this.backlog.waiting() >= EXTRA_WRITER_BACKLOG)) {
			if (this.writers.compareAndSet(running, running + 1)) {
				writeNextBatch();
				return;
			}
			running = this.writers.get();
		}
	}

	private void writeNextBatch() {
		List<Pending> batch = new ArrayList<>();
		Pending next;
		while (batch.size() < MAX_BATCH && (next = this.queue.poll()) != null) {
			this.backlog.left();
			batch.add(next);
		}
		if (batch.isEmpty()) {
			this.writers.decrementAndGet();
			if (!this.queue.isEmpty()) {
				startWriter();
			}
			return;
		}
		this.messages.insertBatch(batch.stream().map(Pending::row).toList())
			.collectMap(MessageRepository.Stored::ordinal, MessageRepository.Stored::message)
			.doOnNext((stored) -> complete(batch, stored))
			.onErrorResume(DataIntegrityViolationException.class, (ex) -> oneByOne(batch))
			.onErrorResume((ex) -> {
				batch.forEach((pending) -> pending.result().tryEmitError(ex));
				return Mono.empty();
			})
			.doFinally((signal) -> writeNextBatch())
			.subscribe();
	}

	private static void complete(List<Pending> batch, Map<Integer, Message> stored) {
		for (int i = 0; i < batch.size(); i++) {
			Message message = stored.get(i + 1);
			if (message != null) {
				batch.get(i).result().tryEmitValue(message);
			}
			else {
				batch.get(i).result().tryEmitEmpty();
			}
		}
	}

	/**
	 * A batch that broke a unique rule (a repeated client message id): each on its own.
	 */
	private Mono<Map<Integer, Message>> oneByOne(List<Pending> batch) {
		return Flux.fromIterable(batch)
			.concatMap((pending) -> this.messages.insert(pending.row())
				.doOnNext(pending.result()::tryEmitValue)
				.doOnError(pending.result()::tryEmitError)
				.doOnSuccess((message) -> {
					if (message == null) {
						pending.result().tryEmitEmpty();
					}
				})
				.onErrorResume((ex) -> Mono.empty()))
			.then(Mono.empty());
	}

	private record Pending(MessageRepository.NewRow row, Sinks.One<Message> result) {
	}

}

package io.parley.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import io.parley.web.CommonErrors;

/**
 * Stores new messages in batches: sends that arrive while a batch is being written wait
 * and go together in the next statement, so under load one round trip stores many
 * messages (an idle server still writes a lone message at once).
 * <p>
 * Rooms are spread over {@link #LANES} lanes by id; a lane writes one batch at a time, in
 * the order its sends came. So a room's sends are stored in the order they were made
 * (several sends of one socket may be in flight at once), and concurrent batches never
 * share a room, so they never wait for or deadlock on each other.
 * <p>
 * The queue is bounded ({@code parley.messages.max-queued-sends}, see
 * {@link SendBacklog}): a send that finds it full is not queued but fails at once with
 * {@code rate_limited} (retry after 1 s), the error of the per-user send limit, so it
 * stores nothing and takes no seq.
 */
@Component
class MessageWriter {

	private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

	static final int MAX_BATCH = 128;

	static final int LANES = 4;

	private final MessageRepository messages;

	private final SendBacklog backlog;

	private final Lane[] lanes = new Lane[LANES];

	MessageWriter(MessageRepository messages, SendBacklog backlog) {
		this.messages = messages;
		this.backlog = backlog;
		for (int i = 0; i < LANES; i++) {
			this.lanes[i] = new Lane();
		}
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
			this.lanes[(int) Math.floorMod(roomId, (long) LANES)].add(pending);
			return pending.result().asMono();
		});
	}

	/** One writer: its own queue, one batch at a time. */
	private final class Lane {

		private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean writing = new AtomicBoolean();

		void add(Pending pending) {
			this.queue.add(pending);
			if (this.writing.compareAndSet(false, true)) {
				writeNextBatch();
			}
		}

		private void writeNextBatch() {
			List<Pending> batch = new ArrayList<>();
			Pending next;
			while (batch.size() < MAX_BATCH && (next = this.queue.poll()) != null) {
				MessageWriter.this.backlog.left();
				batch.add(next);
			}
			if (batch.isEmpty()) {
				stopWriting();
				return;
			}
			try {
				MessageWriter.this.messages.insertBatch(batch.stream().map(Pending::row).toList())
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
			catch (Throwable ex) {
				// never leave the lane marked as writing with nobody writing: its rooms
				// would stall for good
				log.error("A message writer failed; its lane goes on", ex);
				batch.forEach((pending) -> pending.result().tryEmitError(ex));
				stopWriting();
			}
		}

		private void stopWriting() {
			this.writing.set(false);
			// a send added after the last poll but before the flag was cleared
			if (!this.queue.isEmpty() && this.writing.compareAndSet(false, true)) {
				writeNextBatch();
			}
		}

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

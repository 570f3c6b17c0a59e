package io.parley.message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import io.parley.realtime.bus.MessageBus;
import io.parley.web.CommonErrors;

/**
 * Stores new messages in batches: sends that arrive while a batch is being written wait
 * and go together in the next statement, so under load one round trip stores many
 * messages (an idle server still writes a lone message at once).
 * <p>
 * Rooms are spread over lanes ({@code parley.messages.writers}) by id; a lane writes one
 * batch at a time, in the order its sends came. So a room's sends are stored in the order
 * they were made (several sends of one socket may be in flight at once), and concurrent
 * batches never share a room, so they never wait for or deadlock on each other. Lanes
 * take turns while their queues are short and write side by side once they grow
 * ({@link WriterSlots}): big batches at a modest load, every writer at a heavy one. When
 * no batch has started for {@link #STALLED} (one waits for a lock), waiting lanes write
 * beside it, so one slow batch never holds up the others. What answering a batch's sends
 * publishes (the new messages, to their rooms) goes to the bus together
 * ({@link MessageBus#publishingTogether}).
 * <p>
 * The queue is bounded ({@code parley.messages.max-queued-sends}, see
 * {@link SendBacklog}): a send that finds it full is not queued but fails at once with
 * {@code rate_limited} (retry after 1 s), the error of the per-user send limit, so it
 * stores nothing and takes no seq. Sends held back for a busy room fail the same way once
 * the room has been busy for {@code parley.messages.max-busy-wait} (a transaction that
 * never ends must not keep them, and their backlog places, for good).
 */
@Component
class MessageWriter {

	private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

	static final int MAX_BATCH = 128;

	/** Queued sends that let a lane write beside another lane's batch. */
	static final int SPREAD_AT = 32;

	/** No batch started for this long: waiting lanes write beside the slow one. */
	static final Duration STALLED = Duration.ofMillis(20);

	/** How long sends to a busy room wait before they are first tried again. */
	static final Duration BUSY_RETRY = Duration.ofMillis(10);

	static final Duration MAX_BUSY_RETRY = Duration.ofMillis(160);

	private final MessageRepository messages;

	private final SendBacklog backlog;

	private final MessageBus bus;

	private final Lane[] lanes;

	private final WriterSlots<Lane> slots;

	private final long maxBusyWaitNanos;

	private final DistributionSummary batchSizes;

	MessageWriter(MessageRepository messages, SendBacklog backlog, MessageBus bus, MessageProperties properties,
			MeterRegistry meters) {
		this.messages = messages;
		this.backlog = backlog;
		this.bus = bus;
		this.maxBusyWaitNanos = properties.maxBusyWait().toNanos();
		this.lanes = new Lane[properties.writers()];
		for (int i = 0; i < this.lanes.length; i++) {
			this.lanes[i] = new Lane();
		}
		this.slots = new WriterSlots<>(this.lanes.length, SPREAD_AT, STALLED.toNanos());
		this.batchSizes = DistributionSummary.builder("parley.messages.batch.size")
			.description("Sends per statement that stored a batch")
			.register(meters);
		Gauge.builder("parley.messages.writers.busy", this.slots, WriterSlots::inUse)
			.description("Batches of sends being stored now")
			.register(meters);
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
					new MessageRepository.NewRow(roomId, senderId, content, clientMessageId, origin));
			this.lanes[(int) Math.floorMod(roomId, (long) this.lanes.length)].add(pending);
			return pending.result.asMono();
		});
	}

	/**
	 * One writer: its own queue, one batch at a time. Sends to a room a batch found busy
	 * (its row held by another transaction) are held back, in order, and tried again
	 * after {@link #BUSY_RETRY}, twice that if it is still busy, and so on up to
	 * {@link #MAX_BUSY_RETRY}; sends to that room made meanwhile wait behind them.
	 */
	private final class Lane {

		private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

		/** The queue's length (a hint: read without taking the queue's measure). */
		private final AtomicInteger queued = new AtomicInteger();

		private final AtomicBoolean writing = new AtomicBoolean();

		private final AtomicBoolean retryScheduled = new AtomicBoolean();

		private final AtomicBoolean watchingForStall = new AtomicBoolean();

		/** Rooms with held-back sends; touched only by the lane's current writer. */
		private final Map<Long, HeldRoom> held = new LinkedHashMap<>();

		void add(Pending pending) {
			this.queue.add(pending);
			int waiting = this.queued.incrementAndGet();
			if (!this.writing.compareAndSet(false, true)) {
				// a lane waiting for its turn may go beside the others once its queue is
				// long
				if (MessageWriter.this.slots.spread(this, waiting, System.nanoTime())) {
					writeWithSlot();
				}
				return;
			}
			writeNextBatch();
		}

		private void startWriting() {
			if (this.writing.compareAndSet(false, true)) {
				writeNextBatch();
			}
		}

		/**
		 * Writes the next batch if there is one and a slot is free (else waits for one).
		 */
		private void writeNextBatch() {
			// no batch is in flight: rooms whose retry went through (or failed) hold
			// nothing now
			this.held.values().removeIf(HeldRoom::isEmpty);
			refuseLongBusy();
			if (this.queue.isEmpty() && this.held.values().stream().noneMatch(HeldRoom::isDue)) {
				stopWriting();
				return;
			}
			if (MessageWriter.this.slots.take(this, this.queued.get(), System.nanoTime())) {
				writeWithSlot();
			}
			else {
				watchForStall();
			}
		}

		/**
		 * While the lane waits for its turn, checks every {@link #STALLED} for a stall.
		 */
		private void watchForStall() {
			if (this.watchingForStall.compareAndSet(false, true)) {
				Mono.delay(STALLED).subscribe((tick) -> checkForStall());
			}
		}

		private void checkForStall() {
			if (MessageWriter.this.slots.overdue(this, System.nanoTime())) {
				this.watchingForStall.set(false);
				writeWithSlot();
			}
			else if (MessageWriter.this.slots.isWaiting(this)) {
				Mono.delay(STALLED).subscribe((tick) -> checkForStall());
			}
			else {
				this.watchingForStall.set(false);
				// back in line meanwhile, while this watch was still on
				if (MessageWriter.this.slots.isWaiting(this)) {
					watchForStall();
				}
			}
		}

		/** Writes a batch in a slot this lane holds, and gives the slot on when done. */
		private void writeWithSlot() {
			List<Pending> batch = takeBatch();
			if (batch.isEmpty()) {
				handSlotOn();
				stopWriting();
				return;
			}
			MessageWriter.this.batchSizes.record(batch.size());
			try {
				MessageWriter.this.messages.insertBatch(rows(batch))
					.doOnNext((result) -> hold(settle(batch, result)))
					.onErrorResume(DataIntegrityViolationException.class, (ex) -> withoutRepeats(batch))
					.onErrorResume((ex) -> {
						batch.forEach((pending) -> pending.failed(ex));
						return Mono.empty();
					})
					.doFinally((signal) -> {
						handSlotOn();
						writeNextBatch();
					})
					.subscribe();
			}
			catch (Throwable ex) {
				// never leave the lane writing with nobody writing, nor its slot taken:
				// rooms would stall for good
				log.error("A message writer failed; its lane goes on", ex);
				batch.forEach((pending) -> pending.failed(ex));
				handSlotOn();
				stopWriting();
			}
		}

		/** The slot goes to the next lane in line, which writes now. */
		private void handSlotOn() {
			Lane next = MessageWriter.this.slots.release(System.nanoTime());
			if (next != null) {
				next.writeWithSlot();
			}
		}

		/**
		 * Fails the held-back sends of rooms busy for longer than the limit at their last
		 * try: all of a room's held sends, so that none of them is stored after an
		 * earlier one failed (sends still in the queue are tried afresh, as after
		 * shedding).
		 */
		private void refuseLongBusy() {
			long now = System.nanoTime();
			this.held.entrySet().removeIf((entry) -> {
				HeldRoom room = entry.getValue();
				if (room.retried) {
					// its last try did not find it busy (that would have held its sends
					// again): a later busy spell is timed from here, not from the first
					room.busySinceNanos = now;
					return false;
				}
				if (now - room.busySinceNanos <= MessageWriter.this.maxBusyWaitNanos) {
					return false;
				}
				log.warn("Room {} has been held by another transaction for over {} ms: {} sends refused",
						entry.getKey(), Duration.ofNanos(MessageWriter.this.maxBusyWaitNanos).toMillis(),
						room.sends.size());
				MessageWriter.this.backlog.refusedBusy(room.sends.size());
				room.sends.forEach((pending) -> pending.failed(CommonErrors.rateLimited(SendBacklog.RETRY_AFTER)));
				return true;
			});
		}

		/**
		 * Held-back sends first once their retry is due, then queued ones; a queued send
		 * to a room with held-back sends joins them.
		 */
		private List<Pending> takeBatch() {
			List<Pending> batch = new ArrayList<>();
			long now = System.nanoTime();
			for (HeldRoom room : this.held.values()) {
				if (batch.size() >= MAX_BATCH) {
					break;
				}
				if (room.dueNanos - now <= 0) {
					// the room stays listed while its sends are tried: sends queued for
					// it meanwhile go behind them
					room.retried = true;
					while (!room.sends.isEmpty() && batch.size() < MAX_BATCH) {
						batch.add(room.sends.poll());
					}
				}
			}
			Pending next;
			while (batch.size() < MAX_BATCH && (next = this.queue.poll()) != null) {
				this.queued.decrementAndGet();
				HeldRoom heldForRoom = this.held.get(next.row().roomId());
				if (heldForRoom != null) {
					next.holdBack();
					heldForRoom.sends.add(next);
				}
				else {
					next.leaveBacklog();
					batch.add(next);
				}
			}
			return batch;
		}

		/**
		 * Answers the sends the batch stored (or refused: not a member); returns those
		 * whose room was busy, in order.
		 */
		private List<Pending> settle(List<Pending> batch, MessageRepository.BatchResult result) {
			Map<Integer, Message> stored = new HashMap<>();
			result.stored().forEach((row) -> stored.put(row.ordinal(), row.message()));
			List<Pending> busy = new ArrayList<>();
			// what the answers publish goes to the bus in one write
			MessageWriter.this.bus.publishingTogether(() -> {
				for (int i = 0; i < batch.size(); i++) {
					Pending pending = batch.get(i);
					Message message = stored.get(i + 1);
					if (message != null) {
						pending.stored(message);
					}
					else if (result.busyRooms().contains(pending.row().roomId())) {
						busy.add(pending);
					}
					else {
						pending.stored(null);
					}
				}
			});
			return busy;
		}

		/**
		 * A batch that broke the unique rule: the sends repeating an earlier client
		 * message id fail (the caller answers them with the first message) and the others
		 * go again as one batch; one at a time only if that breaks the rule too (an id
		 * twice within the batch, or stored by another instance meanwhile).
		 */
		private Mono<MessageRepository.BatchResult> withoutRepeats(List<Pending> batch) {
			return MessageWriter.this.messages.repeatedRows(rows(batch)).flatMap((repeated) -> {
				if (repeated.isEmpty()) {
					return oneByOne(batch);
				}
				List<Pending> rest = new ArrayList<>();
				for (int i = 0; i < batch.size(); i++) {
					if (repeated.contains(i + 1)) {
						batch.get(i).failed(new DuplicateKeyException("A repeated client message id"));
					}
					else {
						rest.add(batch.get(i));
					}
				}
				if (rest.isEmpty()) {
					return Mono.empty();
				}
				return MessageWriter.this.messages.insertBatch(rows(rest))
					.doOnNext((result) -> hold(settle(rest, result)))
					.onErrorResume(DataIntegrityViolationException.class, (ex) -> oneByOne(rest));
			});
		}

		/**
		 * Each send of a batch as a batch of its own: one that still breaks the unique
		 * rule repeats an earlier send; a busy room's sends are held back as usual (and
		 * its later sends in this batch with them, to keep their order).
		 */
		private Mono<MessageRepository.BatchResult> oneByOne(List<Pending> batch) {
			Set<Long> busyRooms = new HashSet<>();
			List<Pending> busy = new ArrayList<>();
			return Flux.fromIterable(batch).concatMap((pending) -> {
				if (busyRooms.contains(pending.row().roomId())) {
					busy.add(pending);
					return Mono.empty();
				}
				return MessageWriter.this.messages.insertBatch(List.of(pending.row()))
					.doOnNext((result) -> settle(List.of(pending), result).forEach((found) -> {
						busyRooms.add(found.row().roomId());
						busy.add(found);
					}))
					.onErrorResume((ex) -> {
						pending.failed(ex);
						return Mono.empty();
					});
			}).then(Mono.fromRunnable(() -> hold(busy)));
		}

		/**
		 * Puts sends to busy rooms back, ahead of any held after them, still in order,
		 * and sets when each room is tried next.
		 */
		private void hold(List<Pending> busy) {
			if (busy.isEmpty()) {
				return;
			}
			Set<HeldRoom> rooms = new HashSet<>();
			long now = System.nanoTime();
			for (int i = busy.size() - 1; i >= 0; i--) {
				Pending pending = busy.get(i);
				pending.holdBack();
				HeldRoom room = this.held.computeIfAbsent(pending.row().roomId(), (id) -> new HeldRoom(now));
				room.sends.addFirst(pending);
				rooms.add(room);
			}
			rooms.forEach((room) -> room.busyAt(now));
		}

		private void stopWriting() {
			long retryIn = untilNextRetry();
			this.writing.set(false);
			if (retryIn >= 0) {
				scheduleRetry(retryIn);
			}
			// a send added after the last poll but before the flag was cleared
			if (!this.queue.isEmpty()) {
				startWriting();
			}
		}

		/** Nanoseconds until the first held room is due (at least 1 ms); -1 for none. */
		private long untilNextRetry() {
			long now = System.nanoTime();
			return this.held.values()
				.stream()
				.filter((room) -> !room.isEmpty())
				.mapToLong((room) -> Math.max(room.dueNanos - now, Duration.ofMillis(1).toNanos()))
				.min()
				.orElse(-1);
		}

		private void scheduleRetry(long delayNanos) {
			if (this.retryScheduled.compareAndSet(false, true)) {
				Mono.delay(Duration.ofNanos(delayNanos)).subscribe((tick) -> {
					this.retryScheduled.set(false);
					startWriting();
				}, (ex) -> this.retryScheduled.set(false));
			}
		}

	}

	/** A room's held-back sends, since when it is busy, and when they are tried next. */
	private static final class HeldRoom {

		private final Deque<Pending> sends = new ArrayDeque<>();

		/** Since when it is busy: its first try found busy after one that was not. */
		private long busySinceNanos;

		private long dueNanos;

		private long backoffNanos = BUSY_RETRY.toNanos();

		HeldRoom(long busySinceNanos) {
			this.busySinceNanos = busySinceNanos;
		}

		/** Its sends were tried and the room was not found busy (yet). */
		private boolean retried;

		/** Found busy (again): try later, and later still each time. */
		void busyAt(long now) {
			this.retried = false;
			this.dueNanos = now + this.backoffNanos;
			this.backoffNanos = Math.min(this.backoffNanos * 2, MAX_BUSY_RETRY.toNanos());
		}

		boolean isEmpty() {
			return this.sends.isEmpty();
		}

		boolean isDue() {
			return !this.sends.isEmpty() && this.dueNanos - System.nanoTime() <= 0;
		}

	}

	private static List<MessageRepository.NewRow> rows(List<Pending> batch) {
		return batch.stream().map(Pending::row).toList();
	}

	/**
	 * A send on its way. It has a place in the {@link SendBacklog} while queued and while
	 * held back (also during its retries, so that the count never dips and lets others
	 * past the limit), and gives it up when taken from the queue into a batch or settled.
	 */
	private final class Pending {

		private final MessageRepository.NewRow row;

		private final Sinks.One<Message> result = Sinks.one();

		/** Queued sends have a place (taken by {@link SendBacklog#tryEnter()}). */
		private boolean hasPlace = true;

		/** Counted in {@code parley.messages.deferred} already. */
		private boolean deferred;

		Pending(MessageRepository.NewRow row) {
			this.row = row;
		}

		MessageRepository.NewRow row() {
			return this.row;
		}

		void leaveBacklog() {
			if (this.hasPlace) {
				this.hasPlace = false;
				MessageWriter.this.backlog.left();
			}
		}

		/** Its room was busy: it waits (again), with a place in the backlog. */
		void holdBack() {
			if (!this.deferred) {
				this.deferred = true;
				MessageWriter.this.backlog.deferred();
			}
			if (!this.hasPlace) {
				this.hasPlace = true;
				MessageWriter.this.backlog.placeRetaken();
			}
		}

		void stored(@Nullable Message message) {
			leaveBacklog();
			if (message != null) {
				this.result.tryEmitValue(message);
			}
			else {
				this.result.tryEmitEmpty();
			}
		}

		void failed(Throwable ex) {
			leaveBacklog();
			this.result.tryEmitError(ex);
		}

	}

}

package io.parley.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.parley.message.Message;
import io.parley.message.MessagePosted;
import io.parley.message.MessageService;
import io.parley.realtime.bus.MessageBus;
import io.parley.web.SharedResult;

/**
 * One room's stream on this instance. Bus traffic, joins and repairs pass through one
 * serial queue, so every subscription sees the same order. Messages go out in seq order:
 * a seq that arrives early (a lost or reordered publish) first pulls the missing seqs
 * from PostgreSQL, and one already delivered is dropped.
 */
final class RoomChannel {

	private static final Logger log = LoggerFactory.getLogger(RoomChannel.class);

	private final long roomId;

	private final MessageBus bus;

	private final MessageService messages;

	private final Frames frames;

	private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

	private final Sinks.Many<Object> inbox = Sinks.many().unicast().onBackpressureBuffer();

	private final Mono<Void> ready;

	private static final Duration GAP_WAIT = Duration.ofMillis(100);

	private volatile long lastDelivered;

	/**
	 * Messages that arrived ahead of a missing seq; touched only by the serial
	 * processing.
	 */
	private final TreeMap<Long, Envelope> early = new TreeMap<>();

	private boolean gapTimerArmed;

	private volatile Disposable busSubscription;

	private volatile Disposable processing;

	/** Set by {@link #dispose()}, which may come before {@link #start()} has finished. */
	private volatile boolean disposed;

	RoomChannel(long roomId, MessageBus bus, MessageService messages, Frames frames) {
		this.roomId = roomId;
		this.bus = bus;
		this.messages = messages;
		this.frames = frames;
		this.ready = SharedResult.of(start());
	}

	static String topic(long roomId) {
		return "room:" + roomId;
	}

	/**
	 * Subscribes to the bus, then learns where the room stands, then starts delivering.
	 */
	private Mono<Void> start() {
		return this.bus.subscribe(topic(this.roomId)).flatMap((payloads) -> {
			this.busSubscription = payloads.subscribe((bytes) -> enqueue(Envelope.decode(bytes)),
					(ex) -> log.warn("Bus subscription of room {} failed: {}", this.roomId, ex.toString()));
			disposeIfDisposed();
			return this.messages.lastSeq(this.roomId);
		}).doOnNext((seq) -> {
			this.lastDelivered = seq;
			this.processing = this.inbox.asFlux().concatMap((item) -> process(item).onErrorResume((ex) -> {
				log.warn("Room {} stream could not process {}: {}", this.roomId, item, ex.toString());
				return Mono.empty();
			})).subscribe();
			disposeIfDisposed();
		}).then();
	}

	/** The channel was let go of while starting: what started since must stop too. */
	private void disposeIfDisposed() {
		if (this.disposed) {
			dispose();
		}
	}

	/**
	 * Adds the subscription at a definite point of the stream; emits the last seq
	 * delivered before it.
	 */
	Mono<Long> join(Subscription subscription) {
		Join join = new Join(subscription, Sinks.one());
		return this.ready.then(Mono.defer(() -> {
			enqueue(join);
			return join.reply().asMono();
		}));
	}

	void leave(Subscription subscription) {
		this.subscriptions.remove(subscription);
	}

	/**
	 * A frame for every subscription here, not sent over the bus (presence fans out per
	 * instance).
	 */
	void deliverLocally(byte[] frame) {
		enqueue(new Envelope(Envelope.Kind.TO_ALL, 0, 0, 0, frame));
	}

	/**
	 * After a bus outage: deliver whatever the database has beyond what was delivered.
	 */
	void repair() {
		enqueue(Repair.INSTANCE);
	}

	void dispose() {
		this.disposed = true;
		Disposable bus = this.busSubscription;
		if (bus != null) {
			bus.dispose();
		}
		Disposable running = this.processing;
		if (running != null) {
			running.dispose();
		}
	}

	private void enqueue(Object item) {
		synchronized (this.inbox) {
			this.inbox.tryEmitNext(item);
		}
	}

	private Mono<Void> process(Object item) {
		if (item instanceof Join join) {
			this.subscriptions.add(join.subscription());
			join.reply().tryEmitValue(this.lastDelivered);
			return Mono.empty();
		}
		if (item instanceof Repair) {
			return this.messages.lastSeq(this.roomId)
				.flatMap(this::fillUpTo)
				.then(Mono.fromRunnable(this::releaseContiguous));
		}
		if (item instanceof GapCheck) {
			return fillGap();
		}
		Envelope envelope = (Envelope) item;
		return switch (envelope.kind()) {
			case MESSAGE -> deliverMessage(envelope);
			case TO_ALL -> each((subscription) -> subscription.deliver(envelope.frame()));
			case TO_ALL_BUT_ORIGIN -> each((subscription) -> {
				if (subscription.connection().id() != envelope.origin()) {
					subscription.deliver(envelope.frame());
				}
			});
			case TO_OTHERS -> each((subscription) -> {
				if (subscription.userId() != envelope.actorUserId()) {
					subscription.deliver(envelope.frame());
				}
			});
			case REMOVE_MEMBER -> each((subscription) -> {
				if (subscription.userId() == envelope.actorUserId()) {
					this.subscriptions.remove(subscription);
					lose(subscription, Envelope.reasonOf(envelope.seq()));
				}
			});
			case DELETE_ROOM -> each((subscription) -> {
				this.subscriptions.remove(subscription);
				lose(subscription, "deleted");
			});
			case END_SESSION, PRESENCE -> Mono.empty();
		};
	}

	/**
	 * Delivers the message in seq order. One that arrives early waits briefly for the
	 * seqs before it (publishes from several threads reorder easily), keeping its origin;
	 * whatever is still missing then is read from the database.
	 */
	private Mono<Void> deliverMessage(Envelope envelope) {
		if (envelope.seq() <= this.lastDelivered) {
			return Mono.empty();
		}
		this.early.put(envelope.seq(), envelope);
		releaseContiguous();
		armGapTimer();
		return Mono.empty();
	}

	private void releaseContiguous() {
		while (!this.early.isEmpty() && this.early.firstKey() <= this.lastDelivered + 1) {
			Envelope next = this.early.pollFirstEntry().getValue();
			if (next.seq() == this.lastDelivered + 1) {
				this.lastDelivered = next.seq();
				for (Subscription subscription : this.subscriptions) {
					subscription.deliverMessage(next.seq(), next.origin(), next.frame());
				}
			}
		}
	}

	private void armGapTimer() {
		if (!this.early.isEmpty() && !this.gapTimerArmed) {
			this.gapTimerArmed = true;
			Mono.delay(GAP_WAIT).subscribe((tick) -> enqueue(GapCheck.INSTANCE));
		}
	}

	/** The wait for missing seqs is over: read them from the database. */
	private Mono<Void> fillGap() {
		this.gapTimerArmed = false;
		if (this.early.isEmpty()) {
			return Mono.empty();
		}
		return fillUpTo(this.early.firstKey() - 1).then(Mono.fromRunnable(() -> {
			releaseContiguous();
			armGapTimer();
		}));
	}

	/** Delivers seqs after the last delivered up to {@code seq} from the database. */
	private Mono<Void> fillUpTo(long seq) {
		if (seq <= this.lastDelivered) {
			return Mono.empty();
		}
		return this.messages.posted(this.roomId, this.lastDelivered + 1, seq).concatMap((posted) -> {
			deliverStored(posted);
			return Mono.empty();
		}).then();
	}

	private void deliverStored(MessagePosted posted) {
		Message message = posted.message();
		if (message.seq() <= this.lastDelivered) {
			return;
		}
		byte[] frame = this.frames.frame("NEW_MESSAGE", this.roomId, message);
		this.lastDelivered = message.seq();
		for (Subscription subscription : this.subscriptions) {
			subscription.deliverMessage(message.seq(), posted.origin(), frame);
		}
	}

	private void lose(Subscription subscription, String reason) {
		byte[] unsubscribed = this.frames.frame("UNSUBSCRIBED", this.roomId, Map.of("reason", reason));
		subscription.connection().lostRoom(this.roomId, unsubscribed);
	}

	private Mono<Void> each(Consumer<Subscription> action) {
		for (Subscription subscription : this.subscriptions) {
			action.accept(subscription);
		}
		return Mono.empty();
	}

	private record Join(Subscription subscription, Sinks.One<Long> reply) {
	}

	private enum GapCheck {

		INSTANCE

	}

	private enum Repair {

		INSTANCE

	}

}

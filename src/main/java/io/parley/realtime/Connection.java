package io.parley.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.parley.web.AuthenticatedUser;

/**
 * One open WebSocket: who it belongs to, its room subscriptions and its outbound queue.
 * The queue is bounded: a client that does not read fast enough overflows it and is
 * closed with 1013, so one slow socket never holds memory or slows others.
 */
final class Connection {

	static final CloseStatus TOO_SLOW = new CloseStatus(1013, "too slow: reconnect with since");

	static final CloseStatus POLICY = new CloseStatus(1008, "too many malformed frames");

	static final CloseStatus CREDENTIALS_ENDED = new CloseStatus(4401, "credentials expired or revoked");

	static final CloseStatus REMOVED = new CloseStatus(4403, "removed from the room");

	static final CloseStatus GOING_AWAY = new CloseStatus(1001, "server going away");

	private static final Object PING = new Object();

	/** The queue grows in small chunks: an idle socket holds almost nothing. */
	private static final int QUEUE_CHUNK = 8;

	private final long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

	private final WebSocketSession session;

	private final AuthenticatedUser user;

	private final Sinks.Many<Object> outbound;

	private final Map<Long, Subscription> subscriptions = new ConcurrentHashMap<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile long lastPongNanos = System.nanoTime();

	private final boolean multiRoom;

	private volatile Consumer<Subscription> lostListener = (subscription) -> {
	};

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile Sinks.@Nullable Empty<Void> idleWaiter;

	private final int capacity;

	private final AtomicInteger queued = new AtomicInteger();

	private volatile Sinks.@Nullable Empty<Void> roomWaiter;

	Connection(WebSocketSession session, AuthenticatedUser user, int outboundBuffer, boolean multiRoom) {
		this.session = session;
		this.user = user;
		this.multiRoom = multiRoom;
		this.capacity = outboundBuffer;
		this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<Object>unbounded(QUEUE_CHUNK).get());
	}

	/**
	 * Unique enough to tell this connection's own messages from others' across the
	 * cluster.
	 */
	long id() {
		return this.id;
	}

	AuthenticatedUser user() {
		return this.user;
	}

	long userId() {
		return this.user.userId();
	}

	/** Told when the user loses a room, so the subscription can be released. */
	void onLostRoom(Consumer<Subscription> listener) {
		this.lostListener = listener;
	}

	Subscription subscribe(long roomId, long since) {
		Subscription subscription = new Subscription(this, roomId, since);
		this.subscriptions.put(roomId, subscription);
		return subscription;
	}

	Subscription subscription(long roomId) {
		return this.subscriptions.get(roomId);
	}

	Subscription unsubscribe(long roomId) {
		return this.subscriptions.remove(roomId);
	}

	Iterable<Subscription> subscriptions() {
		return this.subscriptions.values();
	}

	/**
	 * The user lost a room (left, removed, or the room is gone): a {@code /room/{id}}
	 * socket closes with 4403, a {@code /ws} socket says {@code UNSUBSCRIBED} and stays.
	 */
	void lostRoom(long roomId, byte[] unsubscribedFrame) {
		Subscription lost = this.subscriptions.remove(roomId);
		if (lost != null) {
			this.lostListener.accept(lost);
		}
		if (this.multiRoom) {
			send(unsubscribedFrame);
		}
		else {
			close(REMOVED);
		}
	}

	/** Queues a text frame; closes the connection with 1013 when the queue is full. */
	void send(byte[] frame) {
		emit(frame);
	}

	void ping() {
		emit(PING);
	}

	private void emit(Object item) {
		if (this.closed.get()) {
			return;
		}
		if (this.queued.get() >= this.capacity) {
			close(TOO_SLOW);
			return;
		}
		Sinks.EmitResult result;
		synchronized (this.outbound) {
			result = this.outbound.tryEmitNext(item);
		}
		if (result == Sinks.EmitResult.OK) {
			this.queued.incrementAndGet();
		}
	}

	/** The frames to write, for {@link WebSocketSession#send}. */
	Flux<WebSocketMessage> outbound() {
		return this.outbound.asFlux()
			.doOnNext((item) -> released())
			.map((item) -> (item == PING) ? this.session.pingMessage((factory) -> factory.wrap(new byte[0]))
					: new WebSocketMessage(WebSocketMessage.Type.TEXT,
							this.session.bufferFactory().wrap((byte[]) item)));
	}

	/**
	 * Completes when the outbound queue is at most half full, so bulk senders (history
	 * replay) wait for the client instead of overflowing the queue.
	 */
	Mono<Void> roomForBulk() {
		return Mono.defer(() -> {
			if (this.closed.get() || this.queued.get() <= this.capacity / 2) {
				return Mono.empty();
			}
			Sinks.Empty<Void> waiter = Sinks.empty();
			this.roomWaiter = waiter;
			if (this.queued.get() <= this.capacity / 2 || this.closed.get()) {
				waiter.tryEmitEmpty();
			}
			return waiter.asMono();
		});
	}

	private void released() {
		int left = this.queued.decrementAndGet();
		Sinks.Empty<Void> waiter = this.roomWaiter;
		if (waiter != null && left <= this.capacity / 2) {
			this.roomWaiter = null;
			waiter.tryEmitEmpty();
		}
	}

	/** Items waiting in the outbound queue. */
	int queued() {
		return this.queued.get();
	}

	int capacity() {
		return this.capacity;
	}

	/** A client frame is being handled (a send to store and acknowledge). */
	void beginWork() {
		this.inFlight.incrementAndGet();
	}

	void endWork() {
		if (this.inFlight.decrementAndGet() == 0) {
			Sinks.Empty<Void> waiter = this.idleWaiter;
			if (waiter != null) {
				waiter.tryEmitEmpty();
			}
		}
	}

	/** Completes when no client frame is being handled. */
	Mono<Void> idle() {
		return Mono.defer(() -> {
			if (this.inFlight.get() == 0) {
				return Mono.empty();
			}
			Sinks.Empty<Void> waiter = Sinks.empty();
			this.idleWaiter = waiter;
			if (this.inFlight.get() == 0) {
				waiter.tryEmitEmpty();
			}
			return waiter.asMono();
		});
	}

	void pongReceived() {
		this.lastPongNanos = System.nanoTime();
	}

	boolean silentFor(Duration duration) {
		return System.nanoTime() - this.lastPongNanos > duration.toNanos();
	}

	/** Closes once with the given status; later calls do nothing. */
	Mono<Void> close(CloseStatus status) {
		if (!this.closed.compareAndSet(false, true)) {
			return Mono.empty();
		}
		synchronized (this.outbound) {
			this.outbound.tryEmitComplete();
		}
		wakeBulkSender();
		Mono<Void> closing = this.session.close(status).onErrorComplete();
		closing.subscribe();
		return closing;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/** Completes the outbound side after the client went away. */
	void finish() {
		this.closed.set(true);
		synchronized (this.outbound) {
			this.outbound.tryEmitComplete();
		}
		wakeBulkSender();
	}

	private void wakeBulkSender() {
		Sinks.Empty<Void> waiter = this.roomWaiter;
		if (waiter != null) {
			waiter.tryEmitEmpty();
		}
	}

}

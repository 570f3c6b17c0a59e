package io.parley.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.socket.CloseStatus;
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

	static final CloseStatus TOO_BIG = new CloseStatus(1009, "message too large");

	static final CloseStatus CREDENTIALS_ENDED = new CloseStatus(4401, "credentials expired or revoked");

	static final CloseStatus REMOVED = new CloseStatus(4403, "removed from the room");

	static final CloseStatus GOING_AWAY = new CloseStatus(1001, "server going away");

	private final long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

	private final WebSocketSession session;

	private final AuthenticatedUser user;

	private final FrameWriter writer;

	private final Channel channel;

	/** How long a closing socket may take to end the closing handshake. */
	private final Duration closeLinger;

	private final int capacity;

	private final Sinks.Empty<Void> terminated = Sinks.empty();

	private final Map<Long, Subscription> subscriptions = new ConcurrentHashMap<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile long lastPongNanos = System.nanoTime();

	private final boolean multiRoom;

	private volatile Consumer<Subscription> lostListener = (subscription) -> {
	};

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile Sinks.@Nullable Empty<Void> idleWaiter;

	private final TypingBudget typingChanges;

	Connection(WebSocketSession session, Channel channel, AuthenticatedUser user, RealtimeProperties limits,
			boolean multiRoom) {
		this.session = session;
		this.user = user;
		this.multiRoom = multiRoom;
		this.capacity = limits.outboundBuffer();
		this.writer = new FrameWriter(channel, limits.outboundBuffer(), limits.outboundBytes().toBytes(),
				() -> close(TOO_SLOW));
		this.channel = channel;
		// a client that never ends the closing handshake goes when a silent one would
		this.closeLinger = limits.heartbeat().multipliedBy(5).dividedBy(2);
		this.typingChanges = new TypingBudget(limits.typingChangesPerSecond(), limits.typingChangeBurst());
		StrictFrameDecoder.install(channel, (int) limits.maxFrame().toBytes());
		MessageSizeLimit.install(channel, limits.maxFrame().toBytes(), () -> close(TOO_BIG));
	}

	/** Takes one TYPING change from this socket's budget; false when it is spent. */
	boolean tryTypingChange() {
		return this.typingChanges.tryTake(System.nanoTime());
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

	/** Queues a text frame; closes the connection with 1013 when it cannot keep up. */
	void send(byte[] frame) {
		if (!this.closed.get()) {
			this.writer.text(frame);
		}
	}

	void ping() {
		if (!this.closed.get()) {
			this.writer.ping();
		}
	}

	/** Completes when the client keeps up, so bulk senders (history replay) can go on. */
	Mono<Void> roomForBulk() {
		return this.writer.roomForBulk();
	}

	int capacity() {
		return this.capacity;
	}

	/** Completes when the connection is closed or finished. */
	Mono<Void> terminated() {
		return this.terminated.asMono();
	}

	/**
	 * Counts a send being stored and acknowledged; returns how many are, this one
	 * included.
	 */
	int beginWork() {
		return this.inFlight.incrementAndGet();
	}

	void endWork() {
		if (this.inFlight.decrementAndGet() == 0) {
			Sinks.Empty<Void> waiter = this.idleWaiter;
			if (waiter != null) {
				waiter.tryEmitEmpty();
			}
		}
	}

	/** Completes when no send of this connection is being stored. */
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
		this.writer.wakeBulkSender();
		// only sockets the server closes carry it; it must be in place before the close
		// frame is written
		ClosingHandshake.install(this.channel, this.closeLinger);
		Sinks.Empty<Void> closed = Sinks.empty();
		Runnable closing = () -> this.session.close(status).onErrorComplete().doFinally((signal) -> {
			this.terminated.tryEmitEmpty();
			closed.tryEmitEmpty();
		}).subscribe();
		try {
			// queued behind the frames sent before it, so the close frame does not
			// overtake them
			this.channel.eventLoop().execute(closing);
		}
		catch (RejectedExecutionException ex) {
			closing.run();
		}
		return closed.asMono();
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/** The client went away: nothing more to write. */
	void finish() {
		this.closed.set(true);
		this.writer.wakeBulkSender();
		this.terminated.tryEmitEmpty();
	}

}

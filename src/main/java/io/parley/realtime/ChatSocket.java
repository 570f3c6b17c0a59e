package io.parley.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.parley.message.MessageService;
import io.parley.message.NewMessages;
import io.parley.user.UserPublic;
import io.parley.web.ParleyException;
import io.parley.web.Unavailability;

/**
 * Runs a chat socket: {@code /room/{id}} (one room, fixed at the handshake) or
 * {@code /ws} (rooms come and go by SUBSCRIBE/UNSUBSCRIBE, frames name their room).
 * Client frames are handled in order; up to {@link #SENDS_IN_FLIGHT} sends of a socket
 * are stored at once, each room's in the order they were sent, and each is ACKed once
 * stored (so ACKs of different rooms, and ERRORs, can come in another order).
 */
@Component
class ChatSocket {

	/** Sends of one socket being stored at once, at most. */
	static final int SENDS_IN_FLIGHT = 16;

	private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);

	private final RoomJoiner joiner;

	private final ConnectionRegistry registry;

	private final MessageService messages;

	private final TypingTracker typing;

	private final Frames frames;

	private final RealtimeProperties properties;

	private final ShutdownGate gate;

	ChatSocket(RoomJoiner joiner, ConnectionRegistry registry, MessageService messages, TypingTracker typing,
			Frames frames, RealtimeProperties properties, ShutdownGate gate) {
		this.joiner = joiner;
		this.registry = registry;
		this.messages = messages;
		this.typing = typing;
		this.frames = frames;
		this.properties = properties;
		this.gate = gate;
	}

	/**
	 * @param fixedRoomId the room of a {@code /room/{id}} socket; null for {@code /ws}
	 * @param since the {@code since} of a {@code /room/{id}} socket, or -1
	 */
	Mono<Void> run(WebSocketSession session, Connection connection, UserPublic profile, @Nullable Long fixedRoomId,
			long since, @Nullable Instant credentialExpiresAt) {
		connection.onLostRoom(this.joiner::lost);
		Disposable.Composite timers = Disposables.composite();
		if (credentialExpiresAt != null) {
			timers.add(Mono.delay(Duration.between(Instant.now(), credentialExpiresAt).plusMillis(1))
				.subscribe((tick) -> connection.close(Connection.CREDENTIALS_ENDED)));
		}
		// deferred: what joining assembles (queries and their parameters) is let go of
		// once
		// it is done, instead of being held by the input stream for the connection's life
		Mono<Void> start = (fixedRoomId != null) ? Mono.defer(() -> this.joiner.join(connection, fixedRoomId, since)
			.onErrorResume(ParleyException.class, (ex) -> connection.close(Connection.REMOVED))) : Mono.empty();
		SocketInput in = new SocketInput(connection, this.frames, this.properties);
		Mono<Void> input = start
			.thenMany(in.texts(session)
				.concatMap((text) -> onText(connection, profile, fixedRoomId, text, in)
					.onErrorResume((ex) -> unexpected(connection, fixedRoomId, ex))))
			.then()
			.doFinally((signal) -> connection.finish());
		Mono<Void> output = connection.terminated();
		return Mono.when(input, output).doOnError((ex) -> {
			if (ex instanceof CorruptedWebSocketFrameException) {
				log.debug("Socket of user {} broke the protocol: {}", connection.userId(), ex.getMessage());
			}
			else if (ex instanceof AbortedException || AbortedException.isConnectionReset(ex)) {
				log.debug("Socket of user {} was dropped by the client: {}", connection.userId(), ex.toString());
			}
			else {
				log.warn("Socket of user {} failed", connection.userId(), ex);
			}
		}).doFinally((signal) -> {
			timers.dispose();
			for (Subscription subscription : connection.subscriptions()) {
				this.typing.gone(subscription.roomId(), profile);
			}
			this.joiner.leaveAll(connection);
			this.registry.remove(connection);
		});
	}

	private Mono<Void> onText(Connection connection, UserPublic profile, @Nullable Long fixedRoomId, String text,
			SocketInput in) {
		ClientFrame frame;
		try {
			frame = ClientFrame.parse(this.frames.json(), text);
		}
		catch (ClientFrame.Malformed ex) {
			return in.malformed(fixedRoomId, ex.getMessage(), ex.clientMessageId());
		}
		in.wellFormed();
		Long roomId = (fixedRoomId != null) ? fixedRoomId : frame.roomId();
		if (frame instanceof ClientFrame.Ping) {
			connection.send(this.frames.frame("PONG", roomId, null));
			return Mono.empty();
		}
		if (roomId == null) {
			connection.send(this.frames.error(null, "validation_failed", "Frames on /ws name their roomId.",
					(frame instanceof ClientFrame.Send send) ? send.clientMessageId() : null));
			return Mono.empty();
		}
		return handle(connection, profile, roomId, fixedRoomId == null, frame);
	}

	private Mono<Void> handle(Connection connection, UserPublic profile, long roomId, boolean multiRoom,
			ClientFrame frame) {
		if (frame instanceof ClientFrame.Send send) {
			return send(connection, roomId, send);
		}
		if (frame instanceof ClientFrame.Typing typing) {
			if (connection.subscription(roomId) == null) {
				connection.send(this.frames.error(roomId, "not_a_member",
						"SUBSCRIBE to this room on this socket before sending TYPING to it.", null));
				return Mono.empty();
			}
			// only starting takes from the budget: a stop refused would leave the
			// indicator on for everyone until it expires
			if (typing.active() && this.typing.changes(roomId, profile.id(), true)
					&& !typingChangeAllowed(connection, roomId)) {
				return Mono.empty();
			}
			this.typing.typing(roomId, profile, typing.active());
			return Mono.empty();
		}
		if (frame instanceof ClientFrame.Read read) {
			if (read.seq() < 0) {
				connection.send(this.frames.error(roomId, "validation_failed", "seq must not be negative.", null));
				return Mono.empty();
			}
			return this.messages.markRead(roomId, connection.userId(), read.seq(), connection.id())
				.onErrorResume(ParleyException.class, (ex) -> error(connection, roomId, ex, null));
		}
		if (!multiRoom) {
			connection
				.send(this.frames.error(roomId, "malformed_frame", "SUBSCRIBE and UNSUBSCRIBE are for /ws.", null));
			return Mono.empty();
		}
		if (frame instanceof ClientFrame.Subscribe subscribe) {
			if (subscribe.since() != null && subscribe.since() < 0) {
				connection.send(
						this.frames.error(roomId, "validation_failed", "since must be a non-negative integer.", null));
				return Mono.empty();
			}
			long since = (subscribe.since() != null) ? subscribe.since() : -1;
			return this.joiner.join(connection, roomId, since)
				.onErrorResume(ParleyException.class, (ex) -> error(connection, roomId, ex, null));
		}
		if (connection.subscription(roomId) != null) {
			this.typing.gone(roomId, profile);
			this.joiner.leave(connection, roomId);
		}
		return Mono.empty();
	}

	/**
	 * Takes a TYPING start from the socket's budget, or tells the client it is spent.
	 */
	private boolean typingChangeAllowed(Connection connection, long roomId) {
		if (connection.tryTypingChange()) {
			return true;
		}
		connection.send(
				this.frames.error(roomId, "rate_limited", "Too many TYPING changes on this socket; slow down.", null));
		return false;
	}

	/**
	 * Stores a send and ACKs it. Up to {@link #SENDS_IN_FLIGHT} sends of one socket are
	 * stored at once (the writer keeps a room's sends in the order they were queued, and
	 * they are queued here in frame order); past that the socket's next frame waits for
	 * this one.
	 */
	private Mono<Void> send(Connection connection, long roomId, ClientFrame.Send send) {
		if (this.gate.closed()) {
			// the sends in flight are finishing; this one would be cut off by the 1001,
			// so it
			// is refused with the contract's retry-later code
			connection.send(this.frames.error(roomId, "rate_limited",
					"This server is shutting down; reconnect and send again.", send.clientMessageId()));
			return Mono.empty();
		}
		int inFlight = connection.beginWork();
		Mono<Void> storing = Mono
			.defer(() -> this.messages.send(roomId, connection.userId(),
					NewMessages.checked(send.content(), send.clientMessageId(), send.attachmentId()), connection.id()))
			.doOnNext((sent) -> connection.send(this.frames.frame("ACK", roomId,
					new Ack(send.clientMessageId(), sent.message().id(), sent.message().seq(),
							sent.message().createdAt()))))
			.then()
			.onErrorResume(ParleyException.class, (ex) -> error(connection, roomId, ex, send.clientMessageId()))
			.onErrorResume((ex) -> unexpected(connection, roomId, ex, send.clientMessageId()))
			.doFinally((signal) -> connection.endWork());
		if (inFlight >= SENDS_IN_FLIGHT) {
			return storing;
		}
		storing.subscribe();
		return Mono.empty();
	}

	/** A frame that failed for a reason of ours: logged, and the client told. */
	private Mono<Void> unexpected(Connection connection, @Nullable Long roomId, Throwable ex) {
		return unexpected(connection, roomId, ex, null);
	}

	private Mono<Void> unexpected(Connection connection, @Nullable Long roomId, Throwable ex,
			@Nullable String clientMessageId) {
		ParleyException outage = Unavailability.of(ex);
		if (outage != null) {
			log.warn("A frame of user {} (room {}) answered unavailable: {}", connection.userId(), roomId,
					ex.toString());
			connection.send(this.frames.error(roomId, outage.code(), outage.detail(), clientMessageId));
			return Mono.empty();
		}
		log.error("Could not handle a frame of user {} (room {})", connection.userId(), roomId, ex);
		connection
			.send(this.frames.error(roomId, "internal_error", "Something went wrong on our side.", clientMessageId));
		return Mono.empty();
	}

	private Mono<Void> error(Connection connection, long roomId, ParleyException ex, @Nullable String clientMessageId) {
		connection.send(this.frames.error(roomId, ex.code(), ex.detail(), clientMessageId));
		return Mono.empty();
	}

	/** The data of an ACK frame. */
	private record Ack(@Nullable String clientMessageId, long id, long seq, Instant createdAt) {
	}

}

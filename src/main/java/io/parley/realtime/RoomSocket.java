package io.parley.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.parley.message.MessageService;
import io.parley.message.NewMessages;
import io.parley.room.MembershipRepository;
import io.parley.room.OnlineUsers;
import io.parley.room.RoomErrors;
import io.parley.room.RoomViews;
import io.parley.user.UserPublic;
import io.parley.web.ParleyException;

/**
 * Runs one {@code /room/{id}} socket: READY, the replay since the client's seq, live
 * traffic, and the client's frames (SEND, TYPING, READ, PING). Frames are handled one at
 * a time, so a client's messages keep their order and ACKs come back in it.
 */
@Component
class RoomSocket {

	private final RoomHub hub;

	private final ConnectionRegistry registry;

	private final MessageService messages;

	private final RoomViews rooms;

	private final MembershipRepository members;

	private final OnlineUsers online;

	private final TypingTracker typing;

	private final Frames frames;

	private final RealtimeProperties properties;

	RoomSocket(RoomHub hub, ConnectionRegistry registry, MessageService messages, RoomViews rooms,
			MembershipRepository members, OnlineUsers online, TypingTracker typing, Frames frames,
			RealtimeProperties properties) {
		this.hub = hub;
		this.registry = registry;
		this.messages = messages;
		this.rooms = rooms;
		this.members = members;
		this.online = online;
		this.typing = typing;
		this.frames = frames;
		this.properties = properties;
	}

	Mono<Void> run(WebSocketSession session, Connection connection, UserPublic profile, long roomId, long since,
			@Nullable Instant credentialExpiresAt) {
		Subscription subscription = connection.subscribe(roomId, since);
		Disposable.Composite timers = Disposables.composite();
		timers.add(heartbeat(connection));
		if (credentialExpiresAt != null) {
			timers.add(Mono.delay(Duration.between(Instant.now(), credentialExpiresAt).plusMillis(1))
				.subscribe((tick) -> connection.close(Connection.CREDENTIALS_ENDED)));
		}
		AtomicInteger malformedInRow = new AtomicInteger();
		Mono<Void> input = start(subscription, connection).thenMany(session.receive().doOnNext((message) -> {
			if (message.getType() == WebSocketMessage.Type.PONG) {
				connection.pongReceived();
			}
		})
			.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT)
			.map(WebSocketMessage::getPayloadAsText)
			.concatMap((text) -> onText(connection, profile, roomId, text, malformedInRow)))
			.then()
			.doFinally((signal) -> connection.finish());
		Mono<Void> output = session.send(connection.outbound());
		return Mono.when(input, output).doFinally((signal) -> {
			timers.dispose();
			this.hub.leave(subscription);
			this.registry.remove(connection);
			this.typing.gone(roomId, profile);
		});
	}

	/** READY, then messages since+1..lastSeq from the database, then live. */
	private Mono<Void> start(Subscription subscription, Connection connection) {
		long roomId = subscription.roomId();
		return this.hub.join(subscription)
			.flatMap((lastSeq) -> this.rooms.view(roomId, connection.userId())
				.filter((room) -> room.myRole() != null)
				.switchIfEmpty(Mono.error(RoomErrors::notAMember))
				.zipWith(this.members.memberIds(roomId).flatMap(this.online::online))
				.flatMap((roomAndOnline) -> {
					Map<String, Object> ready = new LinkedHashMap<>();
					ready.put("room", roomAndOnline.getT1());
					ready.put("online", roomAndOnline.getT2());
					ready.put("lastSeq", lastSeq);
					connection.send(this.frames.frame("READY", roomId, ready));
					return replay(subscription, lastSeq).then(Mono.fromRunnable(() -> subscription.goLive(lastSeq)));
				}))
			.onErrorResume(ParleyException.class, (ex) -> connection.close(Connection.REMOVED))
			.then();
	}

	private Mono<Void> replay(Subscription subscription, long lastSeq) {
		if (subscription.since() < 0 || subscription.since() >= lastSeq) {
			return Mono.empty();
		}
		Connection connection = subscription.connection();
		return this.messages.range(subscription.roomId(), subscription.since() + 1, lastSeq)
			.concatMap((message) -> connection.roomForBulk()
				.then(Mono.fromRunnable(
						() -> subscription.replayed(this.frames.frame("NEW_MESSAGE", subscription.roomId(), message)))),
					1)
			.then();
	}

	private Mono<Void> onText(Connection connection, UserPublic profile, long roomId, String text,
			AtomicInteger malformedInRow) {
		ClientFrame frame;
		try {
			frame = ClientFrame.parse(this.frames.json(), text);
		}
		catch (ClientFrame.Malformed ex) {
			connection.send(this.frames.error(roomId, "malformed_frame", ex.getMessage(), ex.clientMessageId()));
			if (malformedInRow.incrementAndGet() >= this.properties.malformedFramesBeforeClose()) {
				return connection.close(Connection.POLICY);
			}
			return Mono.empty();
		}
		malformedInRow.set(0);
		return handle(connection, profile, roomId, frame);
	}

	private Mono<Void> handle(Connection connection, UserPublic profile, long roomId, ClientFrame frame) {
		if (frame instanceof ClientFrame.Send send) {
			return send(connection, roomId, send);
		}
		if (frame instanceof ClientFrame.Typing typing) {
			this.typing.typing(roomId, profile, typing.active());
			return Mono.empty();
		}
		if (frame instanceof ClientFrame.Read read) {
			return this.messages.markRead(roomId, connection.userId(), read.seq())
				.onErrorResume(ParleyException.class, (ex) -> error(connection, roomId, ex, null));
		}
		if (frame instanceof ClientFrame.Ping) {
			connection.send(this.frames.frame("PONG", roomId, null));
			return Mono.empty();
		}
		connection.send(this.frames.error(roomId, "malformed_frame", "SUBSCRIBE and UNSUBSCRIBE are for /ws.", null));
		return Mono.empty();
	}

	private Mono<Void> send(Connection connection, long roomId, ClientFrame.Send send) {
		connection.beginWork();
		return Mono
			.defer(() -> this.messages.send(roomId, connection.userId(),
					NewMessages.checked(send.content(), send.clientMessageId(), send.attachmentId()), connection.id()))
			.doOnNext((sent) -> {
				Map<String, Object> ack = new LinkedHashMap<>();
				ack.put("clientMessageId", send.clientMessageId());
				ack.put("id", sent.message().id());
				ack.put("seq", sent.message().seq());
				ack.put("createdAt", sent.message().createdAt());
				connection.send(this.frames.frame("ACK", roomId, ack));
			})
			.then()
			.onErrorResume(ParleyException.class, (ex) -> error(connection, roomId, ex, send.clientMessageId()))
			.doFinally((signal) -> connection.endWork());
	}

	private Mono<Void> error(Connection connection, long roomId, ParleyException ex, @Nullable String clientMessageId) {
		connection.send(this.frames.error(roomId, ex.code(), ex.detail(), clientMessageId));
		return Mono.empty();
	}

	private Disposable heartbeat(Connection connection) {
		Duration every = this.properties.heartbeat();
		return Flux.interval(every, every).subscribe((tick) -> {
			if (connection.silentFor(every.multipliedBy(2).plus(every.dividedBy(2)))) {
				connection.close(Connection.GOING_AWAY);
			}
			else {
				connection.ping();
			}
		});
	}

}

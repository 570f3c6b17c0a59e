package io.parley.realtime;

import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.parley.auth.SessionEnded;
import io.parley.message.MessageDeleted;
import io.parley.message.MessageEdited;
import io.parley.message.MessagePosted;
import io.parley.message.ReadMarkerMoved;
import io.parley.realtime.bus.MessageBus;
import io.parley.room.MemberJoined;
import io.parley.room.MemberLeft;
import io.parley.room.RoomDeleted;
import io.parley.user.UserPublic;
import io.parley.user.UserRepository;

/**
 * Turns what features report (a message stored, a member gone, a session ended) into
 * frames on the bus. Each frame is serialized here, once, for every socket of the
 * cluster.
 */
@Component
class EventRelay {

	private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

	private final MessageBus bus;

	private final Frames frames;

	private final UserRepository users;

	EventRelay(MessageBus bus, Frames frames, UserRepository users) {
		this.bus = bus;
		this.frames = frames;
		this.users = users;
	}

	@EventListener
	void on(MessagePosted event) {
		long roomId = event.message().roomId();
		publish(roomId, new Envelope(Envelope.Kind.MESSAGE, event.message().seq(), event.message().sender().id(),
				event.origin(), this.frames.frame("NEW_MESSAGE", roomId, event.message())));
	}

	@EventListener
	void on(MessageEdited event) {
		long roomId = event.message().roomId();
		publish(roomId, new Envelope(Envelope.Kind.TO_ALL, 0, 0, 0,
				this.frames.frame("MESSAGE_UPDATED", roomId, event.message())));
	}

	@EventListener
	void on(MessageDeleted event) {
		publish(event.roomId(), new Envelope(Envelope.Kind.TO_ALL, 0, 0, 0, this.frames.frame("MESSAGE_DELETED",
				event.roomId(), Map.of("id", event.messageId(), "seq", event.seq()))));
	}

	@EventListener
	void on(ReadMarkerMoved event) {
		publish(event.roomId(), new Envelope(Envelope.Kind.TO_ALL_BUT_ORIGIN, 0, event.userId(), event.origin(),
				this.frames.frame("READ", event.roomId(), Map.of("userId", event.userId(), "seq", event.seq()))));
	}

	@EventListener
	void on(MemberJoined event) {
		withUser(event.userId(), (user) -> publish(event.roomId(), new Envelope(Envelope.Kind.TO_ALL, 0, event.userId(),
				0, this.frames.frame("MEMBER_JOINED", event.roomId(), Map.of("user", user)))));
	}

	/**
	 * The user's sockets lose the room at once, whatever happens to the lookup that the
	 * others' MEMBER_LEFT needs (it follows, on the same topic, so after the removal).
	 */
	@EventListener
	void on(MemberLeft event) {
		publish(event.roomId(), new Envelope(Envelope.Kind.REMOVE_MEMBER, Envelope.reasonCode(event.reason()),
				event.userId(), 0, new byte[0]));
		withUser(event.userId(), (user) -> publish(event.roomId(), new Envelope(Envelope.Kind.TO_ALL, 0, event.userId(),
				0, this.frames.frame("MEMBER_LEFT", event.roomId(), Map.of("user", user)))));
	}

	@EventListener
	void on(RoomDeleted event) {
		publish(event.roomId(), new Envelope(Envelope.Kind.DELETE_ROOM, 0, 0, 0, new byte[0]));
	}

	@EventListener
	void on(SessionEnded event) {
		send(ConnectionRegistry.CONTROL_TOPIC,
				new Envelope(Envelope.Kind.END_SESSION, event.sessionId(), event.userId(), 0, new byte[0]));
	}

	/** Typing comes from sockets, not from a feature. */
	void typing(long roomId, UserPublic user, boolean active) {
		publish(roomId, new Envelope(Envelope.Kind.TO_OTHERS, 0, user.id(), 0, this.frames.frame("TYPING", roomId,
				Map.of("userId", user.id(), "username", user.username(), "active", active))));
	}

	private void withUser(long userId, Consumer<UserPublic> action) {
		this.users.findById(userId)
			.map(UserPublic::of)
			.doOnNext(action)
			.doOnError((ex) -> log.warn("Could not relay an event about user {}: {}", userId, ex.toString()))
			.onErrorComplete()
			.subscribe();
	}

	private void publish(long roomId, Envelope envelope) {
		send(RoomChannel.topic(roomId), envelope);
	}

	private void send(String topic, Envelope envelope) {
		this.bus.publish(topic, envelope.encode())
			.doOnError((ex) -> log.warn("Could not publish to {}: {}", topic, ex.toString()))
			.onErrorResume((ex) -> Mono.empty())
			.subscribe();
	}

}

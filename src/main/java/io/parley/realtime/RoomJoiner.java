package io.parley.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.parley.message.MessageService;
import io.parley.room.MembershipRepository;
import io.parley.room.OnlineUsers;
import io.parley.room.RoomErrors;
import io.parley.room.RoomViews;

/**
 * Puts a connection into a room's stream: READY, then the replay of messages
 * since+1..lastSeq from the database (paced by the client's reading), then live traffic,
 * with no gap and no duplicate. Also takes it out again.
 */
@Component
class RoomJoiner {

	/** Messages read from the database at a time when replaying {@code since}. */
	private static final int REPLAY_PAGE = 200;

	private final RoomHub hub;

	private final RoomViews rooms;

	private final MembershipRepository members;

	private final OnlineUsers online;

	private final MessageService messages;

	private final Frames frames;

	RoomJoiner(RoomHub hub, RoomViews rooms, MembershipRepository members, OnlineUsers online, MessageService messages,
			Frames frames) {
		this.hub = hub;
		this.rooms = rooms;
		this.members = members;
		this.online = online;
		this.messages = messages;
		this.frames = frames;
	}

	/**
	 * Subscribes the connection to the room; fails with the room's access errors
	 * ({@code room_not_found}, {@code not_a_member}) without subscribing.
	 */
	Mono<Void> join(Connection connection, long roomId, long since) {
		return this.rooms.view(roomId, connection.userId())
			.filter((room) -> room.myRole() != null)
			.switchIfEmpty(Mono.error(RoomErrors::notAMember))
			.zipWith(this.members.memberIds(roomId).flatMap(this.online::online))
			.flatMap((roomAndOnline) -> {
				leave(connection, roomId);
				Subscription subscription = connection.subscribe(roomId, since);
				return this.hub.join(subscription).flatMap((lastSeq) -> {
					Map<String, Object> ready = new LinkedHashMap<>();
					ready.put("room", roomAndOnline.getT1());
					ready.put("online", roomAndOnline.getT2());
					ready.put("lastSeq", lastSeq);
					connection.send(this.frames.frame("READY", roomId, ready));
					return replay(subscription, lastSeq).then(Mono.fromRunnable(() -> subscription.goLive(lastSeq)));
				});
			})
			.then();
	}

	/** Takes the connection out of the room's stream, if it was in. */
	void leave(Connection connection, long roomId) {
		Subscription subscription = connection.unsubscribe(roomId);
		if (subscription != null) {
			this.hub.leave(subscription);
		}
	}

	/** The room dropped the subscription (the user lost the room); release it. */
	void lost(Subscription subscription) {
		this.hub.leave(subscription);
	}

	void leaveAll(Connection connection) {
		for (Subscription subscription : connection.subscriptions()) {
			leave(connection, subscription.roomId());
		}
	}

	private Mono<Void> replay(Subscription subscription, long lastSeq) {
		if (subscription.since() < 0 || subscription.since() >= lastSeq) {
			return Mono.empty();
		}
		return replayPage(subscription, subscription.since() + 1, lastSeq);
	}

	/**
	 * Replays seqs {@code from}..{@code lastSeq} a page at a time: each page is read
	 * whole before it goes out at the client's pace, so a slow reader never holds a
	 * database connection.
	 */
	private Mono<Void> replayPage(Subscription subscription, long from, long lastSeq) {
		long to = Math.min(lastSeq, from + REPLAY_PAGE - 1);
		Connection connection = subscription.connection();
		return this.messages.range(subscription.roomId(), from, to)
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((message) -> connection.roomForBulk()
				.then(Mono.fromRunnable(
						() -> subscription.replayed(this.frames.frame("NEW_MESSAGE", subscription.roomId(), message)))),
					1)
			.then(Mono.defer(() -> (to < lastSeq) ? replayPage(subscription, to + 1, lastSeq) : Mono.empty()));
	}

}

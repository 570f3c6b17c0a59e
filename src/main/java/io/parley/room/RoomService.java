package io.parley.room;

import java.util.HashSet;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import io.parley.room.RoomRequests.NewRoom;
import io.parley.room.RoomRequests.RoomChange;

/**
 * The rules of group rooms: creating, changing, deleting, joining and leaving. Every
 * change runs in one transaction and announces its membership events after the commit.
 */
@Service
public class RoomService {

	/** Concurrent creators may race for a derived slug; each lost race picks the next. */
	private static final int SLUG_ATTEMPTS = 5;

	private final RoomRepository rooms;

	private final MembershipRepository members;

	private final RoomGuard guard;

	private final RoomViews views;

	private final RoomChanges changes;

	RoomService(RoomRepository rooms, MembershipRepository members, RoomGuard guard, RoomViews views,
			RoomChanges changes) {
		this.rooms = rooms;
		this.members = members;
		this.guard = guard;
		this.views = views;
		this.changes = changes;
	}

	Mono<RoomView> create(long userId, NewRoom room) {
		return this.changes
			.commit((events) -> insert(room).flatMap((roomId) -> this.members.insert(roomId, userId, Role.OWNER)
				.doOnNext((added) -> events.add(new MemberJoined(roomId, userId)))
				.thenReturn(roomId)))
			.flatMap((roomId) -> this.views.view(roomId, userId));
	}

	private Mono<Long> insert(NewRoom room) {
		if (room.slug() != null) {
			return this.rooms.insertGroup(room.name(), room.slug(), room.visibility())
				.switchIfEmpty(Mono.error(RoomErrors::slugTaken));
		}
		String base = Slugs.fromName(room.name());
		return Mono
			.defer(() -> this.rooms.slugsFrom(base)
				.collect(HashSet<String>::new, HashSet::add)
				.flatMap((taken) -> this.rooms.insertGroup(room.name(), Slugs.firstFree(base, taken),
						room.visibility())))
			.repeatWhenEmpty(SLUG_ATTEMPTS, (repeats) -> repeats);
	}

	Mono<RoomView> change(long roomId, long userId, RoomChange change) {
		return this.guard.groupMember(roomId, userId)
			.then(this.changes.commit((events) -> this.guard.lockedRole(roomId, userId, Role.ADMIN)
				.then(this.rooms.update(roomId, change.name(), change.visibility()))))
			.then(Mono.defer(() -> this.views.view(roomId, userId)));
	}

	/** Owner only; the members' sockets learn it from {@link RoomDeleted}. */
	Mono<Void> delete(long roomId, long userId) {
		return this.guard.groupMember(roomId, userId)
			.then(this.changes.commit((events) -> this.guard.lockedRole(roomId, userId, Role.OWNER)
				.then(this.members.memberIds(roomId))
				.flatMap((memberIds) -> this.rooms.delete(roomId)
					.then(Mono.fromRunnable(() -> events.add(new RoomDeleted(roomId, memberIds)))))));
	}

	/**
	 * Joins a public room by slug; a private room needs an invite, unless the caller is
	 * in it already. Joining twice answers the room again without a second event.
	 */
	Mono<RoomView> join(String slug, long userId) {
		return this.rooms.findGroupBySlug(slug)
			.switchIfEmpty(Mono.error(() -> RoomErrors.roomNotFound(slug)))
			.flatMap((room) -> (room.isPublic() ? addMember(room.id(), userId).then()
					: this.members.role(room.id(), userId).switchIfEmpty(Mono.error(RoomErrors::inviteRequired)).then())
				.then(Mono.defer(() -> this.views.view(room.id(), userId))));
	}

	/**
	 * Makes {@code userId} a member of a room (for accepted room invites too); true when
	 * they were not one before. Publishes {@link MemberJoined} after the commit.
	 */
	public Mono<Boolean> addMember(long roomId, long userId) {
		return this.changes.commit((events) -> this.guard.lock(roomId)
			.then(this.members.insert(roomId, userId, Role.MEMBER))
			.doOnNext((added) -> {
				if (added) {
					events.add(new MemberJoined(roomId, userId));
				}
			}));
	}

	/**
	 * Leaves a group room. A leaving owner hands the room to the longest-standing admin,
	 * else the longest-standing member; when the last member leaves, the room is deleted
	 * (nobody could ever manage it again).
	 */
	Mono<Void> leave(long roomId, long userId) {
		return this.guard.groupMember(roomId, userId)
			.then(this.changes
				.commit((
						events) -> this.guard.lock(roomId)
							.then(this.members.role(roomId, userId))
							.flatMap(
									(role) -> this.members.delete(roomId, userId)
										.doOnNext((removed) -> events
											.add(new MemberLeft(roomId, userId, MemberLeft.LEFT)))
										.then(this.members.successor(roomId))
										.flatMap((heir) -> (role == Role.OWNER)
												? this.members.setRole(roomId, heir, Role.OWNER) : Mono.empty())
										.then(this.members.memberIds(roomId))
										.flatMap(
												(left) -> left.isEmpty()
														? this.rooms.delete(roomId)
															.then(Mono.fromRunnable(() -> events
																.add(new RoomDeleted(roomId, List.of()))))
														: Mono.empty()))
							.then()));
	}

}

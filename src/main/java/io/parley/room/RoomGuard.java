package io.parley.room;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The checks in front of every change to a group room. Visibility and membership come
 * from {@link RoomAccess} first (404 or 403 {@code not_a_member}); the caller's role is
 * then read again under the room's row lock, inside the change's transaction, so a
 * concurrent demotion or ownership transfer cannot slip between check and change.
 */
@Component
class RoomGuard {

	private final RoomAccess access;

	private final RoomRepository rooms;

	private final MembershipRepository members;

	RoomGuard(RoomAccess access, RoomRepository rooms, MembershipRepository members) {
		this.access = access;
		this.rooms = rooms;
		this.members = members;
	}

	/**
	 * The caller's membership of a group room; direct rooms have fixed members and no
	 * settings, so changing one is 403 {@code forbidden}.
	 */
	Mono<RoomAccess.Member> groupMember(long roomId, long userId) {
		return this.access.requireMember(roomId, userId)
			.filter((member) -> !member.room().isDirect())
			.switchIfEmpty(Mono.error(() -> RoomErrors.forbidden("Direct rooms cannot be changed.")));
	}

	/**
	 * Inside a transaction: locks the room and answers the caller's current role, which
	 * must be at least {@code least}, else 403 {@code forbidden}.
	 */
	Mono<Role> lockedRole(long roomId, long userId, Role least) {
		return lock(roomId).then(this.members.role(roomId, userId))
			.filter((role) -> role.atLeast(least))
			.switchIfEmpty(Mono.error(() -> RoomErrors.forbidden(
					"Only the room's " + ((least == Role.OWNER) ? "owner" : "owner and admins") + " may do this.")));
	}

	/** Inside a transaction: locks the room, or 404 when it has gone meanwhile. */
	Mono<Long> lock(long roomId) {
		return this.rooms.lock(roomId).switchIfEmpty(Mono.error(() -> RoomErrors.roomNotFound(roomId)));
	}

}

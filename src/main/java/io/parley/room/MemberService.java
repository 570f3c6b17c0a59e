package io.parley.room;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.parley.web.Page;

/**
 * The rules of a room's member list: who is in it, who may change whose role and who may
 * remove whom. The owner may do anything to anyone else; admins only to plain members;
 * members to nobody. Nobody changes their own role or kicks themselves (handing ownership
 * over and leaving are the ways out).
 */
@Service
class MemberService {

	private final RoomAccess access;

	private final MembershipRepository members;

	private final RoomGuard guard;

	private final RoomChanges changes;

	private final ObjectProvider<OnlineUsers> onlineUsers;

	MemberService(RoomAccess access, MembershipRepository members, RoomGuard guard, RoomChanges changes,
			ObjectProvider<OnlineUsers> onlineUsers) {
		this.access = access;
		this.members = members;
		this.guard = guard;
		this.changes = changes;
		this.onlineUsers = onlineUsers;
	}

	Mono<Page<MemberView>> list(long roomId, long userId, @Nullable Cursor cursor, int limit) {
		return this.access.requireMember(roomId, userId)
			.then(this.members.page(roomId, cursor, limit + 1).collectList())
			.map((rows) -> Page.of(rows, limit, (member) -> member,
					(last) -> Cursor.of(last.joinedAt(), last.user().id())))
			.flatMap((page) -> online(page.items().stream().map((member) -> member.user().id()).toList())
				.map((online) -> new Page<>(page.items().stream().map((member) -> view(member, online)).toList(),
						page.nextCursor())));
	}

	/** Giving {@code owner} hands ownership over: the old owner becomes an admin. */
	Mono<MemberView> changeRole(long roomId, long userId, long targetId, Role role) {
		return this.guard.groupMember(roomId, userId)
			.then(this.changes.commit((events) -> lockedRoles(roomId, userId, targetId).flatMap((roles) -> {
				Role mine = roles.getT1();
				Role theirs = roles.getT2();
				if (targetId == userId && theirs != role) {
					return Mono.error(RoomErrors.forbidden("You cannot change your own role."));
				}
				if (mine != Role.OWNER && (theirs != Role.MEMBER || role == Role.OWNER)) {
					return Mono.error(RoomErrors.forbidden("Admins may only make members admins."));
				}
				if (theirs == role) {
					return Mono.empty();
				}
				Mono<Void> demoteMe = (role == Role.OWNER) ? this.members.setRole(roomId, userId, Role.ADMIN)
						: Mono.empty();
				return demoteMe.then(this.members.setRole(roomId, targetId, role));
			})))
			.then(Mono.defer(() -> this.members.find(roomId, targetId)))
			.flatMap((member) -> online(List.of(targetId)).map((online) -> view(member, online)));
	}

	/** Removes a member; their sockets learn it from {@link MemberLeft} ("removed"). */
	Mono<Void> kick(long roomId, long userId, long targetId) {
		return this.guard.groupMember(roomId, userId)
			.then(this.changes.commit((events) -> lockedRoles(roomId, userId, targetId).flatMap((roles) -> {
				if (targetId == userId) {
					return Mono.error(RoomErrors.forbidden("Leave the room instead of removing yourself."));
				}
				if (roles.getT1() != Role.OWNER && roles.getT2() != Role.MEMBER) {
					return Mono.error(RoomErrors.forbidden("Admins may only remove members."));
				}
				return this.members.delete(roomId, targetId)
					.doOnNext((removed) -> events.add(new MemberLeft(roomId, targetId, MemberLeft.REMOVED)));
			})))
			.then();
	}

	/**
	 * Under the room lock: the caller's role (at least admin, else 403) and the target's
	 * (a member, else 404), read one after the other.
	 */
	private Mono<Tuple2<Role, Role>> lockedRoles(long roomId, long userId, long targetId) {
		return this.guard.lockedRole(roomId, userId, Role.ADMIN)
			.flatMap((mine) -> target(roomId, targetId).map((theirs) -> Tuples.of(mine, theirs)));
	}

	private Mono<Role> target(long roomId, long targetId) {
		return this.members.role(roomId, targetId).switchIfEmpty(Mono.error(() -> RoomErrors.memberNotFound(targetId)));
	}

	private Mono<Set<Long>> online(List<Long> userIds) {
		OnlineUsers source = this.onlineUsers.getIfAvailable();
		return (source == null || userIds.isEmpty()) ? Mono.just(Set.of())
				: source.online(userIds).defaultIfEmpty(Set.of());
	}

	private static MemberView view(MembershipRepository.Member member, Set<Long> online) {
		return new MemberView(member.user(), member.role().wire(), member.joinedAt(),
				online.contains(member.user().id()));
	}

}

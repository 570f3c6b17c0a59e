package io.parley.room;

import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import io.parley.room.RoomRequests.InviteLinkBody;
import io.parley.web.HttpProperties;
import io.parley.web.Page;

/**
 * Invite links: owners and admins make, list and revoke them; anyone holding a live code
 * joins the room with it, public or private.
 */
@Service
class InviteLinkService {

	/** 16 random bytes: 128 bits, not guessable. */
	private static final int CODE_BYTES = 16;

	private final SecureRandom random = new SecureRandom();

	private final InviteLinkRepository links;

	private final MembershipRepository members;

	private final RoomGuard guard;

	private final RoomChanges changes;

	private final RoomViews views;

	private final String joinUrl;

	InviteLinkService(InviteLinkRepository links, MembershipRepository members, RoomGuard guard, RoomChanges changes,
			RoomViews views, HttpProperties http) {
		this.links = links;
		this.members = members;
		this.guard = guard;
		this.changes = changes;
		this.views = views;
		this.joinUrl = http.publicUrl().toString().replaceAll("/+$", "") + "/join/";
	}

	Mono<InviteLinkView> create(long roomId, long userId, InviteLinkBody body) {
		return manager(roomId, userId)
			.then(Mono
				.defer(() -> this.links.insert(newCode(), roomId, userId, body.expiresInSeconds(), body.maxUses())))
			.map(this::view);
	}

	/** The links not revoked, including expired and used-up ones, newest first. */
	Mono<Page<InviteLinkView>> list(long roomId, long userId, @Nullable Cursor cursor, int limit) {
		return manager(roomId, userId).then(this.links.page(roomId, cursor, limit + 1).collectList())
			.map((rows) -> Page.of(rows, limit, this::view, (last) -> Cursor.of(last.createdAt(), last.code())));
	}

	Mono<Void> revoke(long roomId, long userId, String code) {
		return manager(roomId, userId).then(this.links.revoke(roomId, code))
			.filter((found) -> found)
			.switchIfEmpty(Mono.error(RoomErrors::inviteLinkNotFound))
			.then();
	}

	/**
	 * Joins the link's room. A member already in the room gets the room back without
	 * using the link up; anyone else needs a live link, whose use is counted under its
	 * row lock in the same transaction as the new membership.
	 */
	Mono<RoomView> join(String code, long userId) {
		return this.changes.commit((events) -> this.links.lock(code)
			.switchIfEmpty(Mono.error(RoomErrors::inviteLinkNotFound))
			.flatMap((link) -> this.guard.lock(link.roomId())
				.then(this.members.insert(link.roomId(), userId, Role.MEMBER))
				.flatMap((added) -> {
					if (!added) {
						return Mono.just(link.roomId());
					}
					if (link.spent()) {
						return Mono.error(RoomErrors.inviteLinkExpired());
					}
					events.add(new MemberJoined(link.roomId(), userId));
					return this.links.countUse(code).thenReturn(link.roomId());
				})))
			.flatMap((roomId) -> this.views.view(roomId, userId));
	}

	/** The caller must be an owner or admin of the group room. */
	private Mono<Role> manager(long roomId, long userId) {
		return this.guard.groupMember(roomId, userId)
			.filter((member) -> member.membership().role().atLeast(Role.ADMIN))
			.map((member) -> member.membership().role())
			.switchIfEmpty(Mono.error(() -> RoomErrors.forbidden("Only the room's owner and admins manage links.")));
	}

	private String newCode() {
		byte[] bytes = new byte[CODE_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private InviteLinkView view(InviteLinkRepository.Link link) {
		return new InviteLinkView(link.code(), this.joinUrl + link.code(), link.expiresAt(), link.maxUses(),
				link.uses());
	}

}

package io.parley.room;

import org.springframework.http.HttpStatus;

import io.parley.web.ParleyException;

/**
 * Errors of the room feature.
 */
public final class RoomErrors {

	private RoomErrors() {
	}

	/** Also for a private room the caller is not in: its existence never leaks. */
	public static ParleyException roomNotFound(long roomId) {
		return new ParleyException(HttpStatus.NOT_FOUND, "room_not_found", "No room with id " + roomId + ".");
	}

	/** {@code POST /api/rooms/join} with a slug no group room has. */
	public static ParleyException roomNotFound(String slug) {
		return new ParleyException(HttpStatus.NOT_FOUND, "room_not_found", "No room with slug '" + slug + "'.");
	}

	/** A target user who is not a member of the room. */
	public static ParleyException memberNotFound(long userId) {
		return new ParleyException(HttpStatus.NOT_FOUND, "user_not_found",
				"User " + userId + " is not a member of this room.");
	}

	public static ParleyException notAMember() {
		return new ParleyException(HttpStatus.FORBIDDEN, "not_a_member", "Join this room first.");
	}

	public static ParleyException inviteRequired() {
		return new ParleyException(HttpStatus.FORBIDDEN, "invite_required",
				"This room is private: you need an invite.");
	}

	public static ParleyException slugTaken() {
		return new ParleyException(HttpStatus.CONFLICT, "slug_taken", "That slug is in use.");
	}

	public static ParleyException forbidden(String detail) {
		return new ParleyException(HttpStatus.FORBIDDEN, "forbidden", detail);
	}

	public static ParleyException alreadyMember() {
		return new ParleyException(HttpStatus.CONFLICT, "already_member", "Already a member of this room.");
	}

	public static ParleyException inviteLinkNotFound() {
		return new ParleyException(HttpStatus.NOT_FOUND, "invite_link_not_found", "No such invite link.");
	}

	public static ParleyException inviteLinkExpired() {
		return new ParleyException(HttpStatus.GONE, "invite_link_expired",
				"This invite link has expired, been used up or been revoked.");
	}

}

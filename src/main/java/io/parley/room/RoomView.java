package io.parley.room;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The API's {@code Room} as one caller sees it. For a visible public room the caller has
 * not joined, {@code myRole} is null, {@code unreadCount} and {@code lastReadSeq} are 0
 * and {@code lastMessage} is null (non-members may not read its messages).
 *
 * @param name for a direct room, the other member's display name
 * @param lastMessage the API's {@code Message}, from {@link RoomActivity}
 */
public record RoomView(long id, String kind, String name, @Nullable String slug, String visibility, long memberCount,
		@Nullable String myRole, @Nullable Object lastMessage, long unreadCount, long lastReadSeq, long lastSeq,
		Instant createdAt) {

	static RoomView of(RoomListing listing) {
		RoomRow room = listing.room();
		RoomActivity.Summary activity = listing.activity();
		boolean member = listing.myRole() != null;
		return new RoomView(room.id(), room.kind(), room.name(), room.slug(), room.visibility(), listing.memberCount(),
				member ? listing.myRole().wire() : null, member ? activity.lastMessage() : null,
				member ? activity.unreadCount() : 0, member ? listing.lastReadSeq() : 0, room.lastSeq(),
				room.createdAt());
	}

}

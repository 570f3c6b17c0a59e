package io.parley.room;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A room as listed for one caller: the stored room (a direct room named after the other
 * member), its size, the caller's place in it and their activity in it.
 */
record RoomListing(RoomRow room, long memberCount, @Nullable Role myRole, long lastReadSeq, Instant lastActivityAt,
		RoomActivity.Summary activity) {
}

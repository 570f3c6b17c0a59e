package io.parley.room;

import java.time.Instant;

/**
 * A user's place in a room.
 */
public record Membership(long roomId, long userId, Role role, Instant joinedAt, long lastReadSeq) {
}

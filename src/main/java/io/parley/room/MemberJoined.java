package io.parley.room;

/**
 * A user became a member of a room (created it, joined, accepted an invite or used a
 * link).
 */
public record MemberJoined(long roomId, long userId) {
}

package io.parley.room;

import java.time.Instant;

import io.parley.user.UserPublic;

/**
 * One member of a room as {@code GET /api/rooms/{id}/members} lists it.
 *
 * @param online whether the user has an open connection (see {@link OnlineUsers})
 */
public record MemberView(UserPublic user, String role, Instant joinedAt, boolean online) {
}

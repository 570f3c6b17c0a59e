package io.parley.auth;

/**
 * A login session was revoked (logout, or refresh-token reuse): its access tokens no
 * longer work and its open connections should close.
 */
public record SessionEnded(long sessionId, long userId) {
}

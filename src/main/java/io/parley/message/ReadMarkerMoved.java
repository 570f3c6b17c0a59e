package io.parley.message;

/**
 * A member's read marker moved forward.
 */
public record ReadMarkerMoved(long roomId, long userId, long seq) {
}

package io.parley.message;

/**
 * A member's read marker moved forward.
 *
 * @param origin the connection that sent the READ (it is not told about it), or 0
 */
public record ReadMarkerMoved(long roomId, long userId, long seq, long origin) {
}

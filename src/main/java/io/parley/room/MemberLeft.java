package io.parley.room;

/**
 * A user stopped being a member of a room.
 *
 * @param reason {@code "left"} (by themselves) or {@code "removed"} (kicked)
 */
public record MemberLeft(long roomId, long userId, String reason) {

	public static final String LEFT = "left";

	public static final String REMOVED = "removed";

}

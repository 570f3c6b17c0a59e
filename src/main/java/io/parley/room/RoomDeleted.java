package io.parley.room;

import java.util.List;

/**
 * A room was deleted; these were its members.
 */
public record RoomDeleted(long roomId, List<Long> memberIds) {
}

package io.parley.room;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored room.
 */
public record RoomRow(long id, String kind, String name, @Nullable String slug, String visibility, long lastSeq,
		Instant createdAt) {

	public boolean isPublic() {
		return "public".equals(this.visibility);
	}

	public boolean isDirect() {
		return "direct".equals(this.kind);
	}

}

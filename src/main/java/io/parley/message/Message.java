package io.parley.message;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.parley.user.UserPublic;

/**
 * The API's {@code Message}. A deleted message keeps its id and seq, with empty content
 * and {@code deleted: true}.
 */
public record Message(long id, long roomId, long seq, UserPublic sender, String kind, String content,
		@Nullable Object attachment, @Nullable String clientMessageId, Instant createdAt, @Nullable Instant editedAt,
		boolean deleted) {
}

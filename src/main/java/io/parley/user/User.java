package io.parley.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored account. The e-mail and password hash never leave the server except as the
 * owner's own {@link UserSelf}.
 */
public record User(long id, String username, String email, String passwordHash, String displayName,
		boolean discoverable, boolean emailVerified, @Nullable Long avatarAttachmentId, Instant createdAt) {
}

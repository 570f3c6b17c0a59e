package io.parley.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a user sees of themselves: the public profile plus private settings.
 */
public record UserSelf(long id, String username, String displayName, @Nullable String avatarUrl, String email,
		boolean emailVerified, boolean discoverable, Instant createdAt) {

	public static UserSelf of(User user) {
		return new UserSelf(user.id(), user.username(), user.displayName(), null, user.email(), user.emailVerified(),
				user.discoverable(), user.createdAt());
	}

}

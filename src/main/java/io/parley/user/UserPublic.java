package io.parley.user;

import org.jspecify.annotations.Nullable;

/**
 * What anyone may see of a user.
 */
public record UserPublic(long id, String username, String displayName, @Nullable String avatarUrl) {

	public static UserPublic of(User user) {
		return new UserPublic(user.id(), user.username(), user.displayName(), null);
	}

}

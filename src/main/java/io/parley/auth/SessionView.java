package io.parley.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import io.parley.user.UserSelf;

/**
 * The {@code Session} body. Tokens appear only in app mode; in web mode they travel in
 * HttpOnly cookies and the body leaves them out.
 */
record SessionView(UserSelf user, Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String accessToken,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String refreshToken) {

	static SessionView of(IssuedSession session, boolean app) {
		return new SessionView(UserSelf.of(session.user()), session.accessTokenExpiresAt(),
				session.refreshTokenExpiresAt(), app ? session.accessToken() : null,
				app ? session.refreshToken() : null);
	}

}

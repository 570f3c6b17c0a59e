package io.parley.auth;

import java.time.Instant;

import io.parley.user.User;

/**
 * What a successful login, verification or refresh hands the client.
 */
record IssuedSession(User user, String accessToken, Instant accessTokenExpiresAt, String refreshToken,
		Instant refreshTokenExpiresAt) {
}

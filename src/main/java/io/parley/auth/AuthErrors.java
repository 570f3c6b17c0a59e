package io.parley.auth;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import io.parley.web.ParleyException;

/**
 * Errors of registration, verification, login and sessions.
 */
final class AuthErrors {

	private AuthErrors() {
	}

	static ParleyException usernameTaken() {
		return new ParleyException(HttpStatus.CONFLICT, "username_taken", "That username is taken.");
	}

	static ParleyException invalidCode() {
		return new ParleyException(HttpStatus.BAD_REQUEST, "invalid_code", "That code is not right.");
	}

	static ParleyException codeExpired() {
		return new ParleyException(HttpStatus.GONE, "code_expired", "That code has expired; ask for a new one.");
	}

	static ParleyException tooManyAttempts(Duration retryAfter) {
		return new ParleyException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
				"Too many failed attempts; try again later.")
			.retryAfter(retryAfter);
	}

	static ParleyException badCredentials() {
		return new ParleyException(HttpStatus.UNAUTHORIZED, "bad_credentials", "Wrong login or password.");
	}

	static ParleyException emailUnverified() {
		return new ParleyException(HttpStatus.FORBIDDEN, "email_unverified",
				"Verify your e-mail address first; we sent you a code.");
	}

	static ParleyException refreshTokenReused() {
		return new ParleyException(HttpStatus.UNAUTHORIZED, "refresh_token_reused",
				"This refresh token was already used; the session has been ended. Sign in again.");
	}

	static ParleyException invalidRefreshToken() {
		return new ParleyException(HttpStatus.UNAUTHORIZED, "invalid_refresh_token",
				"The refresh token is not valid; sign in again.");
	}

	static ParleyException csrfFailed() {
		return new ParleyException(HttpStatus.FORBIDDEN, "csrf_failed",
				"Missing or wrong X-XSRF-TOKEN header (GET /api/auth/csrf sets the cookie to copy).");
	}

}

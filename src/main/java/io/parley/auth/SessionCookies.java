package io.parley.auth;

import java.time.Duration;
import java.time.Instant;

import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import io.parley.web.HttpProperties;

/**
 * The browser's credentials: the access token ({@code parley_access}, every path,
 * SameSite=Lax), the refresh token ({@code parley_refresh}, only {@code /api/auth},
 * SameSite=Strict), both HttpOnly and Secure under https; and the readable
 * {@code XSRF-TOKEN} cookie for the double-submit CSRF check.
 */
@Component
class SessionCookies {

	static final String ACCESS = "parley_access";

	static final String REFRESH = "parley_refresh";

	static final String XSRF = "XSRF-TOKEN";

	private final boolean secure;

	SessionCookies(HttpProperties http) {
		this.secure = http.secure();
	}

	void write(MultiValueMap<String, ResponseCookie> cookies, IssuedSession session, ServerHttpRequest request) {
		Instant now = Instant.now();
		cookies.add(ACCESS,
				ResponseCookie.from(ACCESS, session.accessToken())
					.httpOnly(true)
					.secure(this.secure)
					.sameSite("Lax")
					.path("/")
					.maxAge(Duration.between(now, session.accessTokenExpiresAt()))
					.build());
		cookies.add(REFRESH,
				ResponseCookie.from(REFRESH, session.refreshToken())
					.httpOnly(true)
					.secure(this.secure)
					.sameSite("Strict")
					.path("/api/auth")
					.maxAge(Duration.between(now, session.refreshTokenExpiresAt()))
					.build());
		if (request.getCookies().getFirst(XSRF) == null) {
			cookies.add(XSRF, xsrf(Tokens.random()));
		}
	}

	void clear(MultiValueMap<String, ResponseCookie> cookies) {
		cookies.add(ACCESS,
				ResponseCookie.from(ACCESS, "")
					.httpOnly(true)
					.secure(this.secure)
					.sameSite("Lax")
					.path("/")
					.maxAge(0)
					.build());
		cookies.add(REFRESH,
				ResponseCookie.from(REFRESH, "")
					.httpOnly(true)
					.secure(this.secure)
					.sameSite("Strict")
					.path("/api/auth")
					.maxAge(0)
					.build());
	}

	ResponseCookie xsrf(String token) {
		return ResponseCookie.from(XSRF, token).secure(this.secure).sameSite("Lax").path("/").build();
	}

}

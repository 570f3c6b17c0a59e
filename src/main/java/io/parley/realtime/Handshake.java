package io.parley.realtime;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import io.parley.auth.AccessTokens;
import io.parley.auth.Sessions;
import io.parley.web.AuthenticatedUser;
import io.parley.web.CommonErrors;
import io.parley.web.HttpProperties;

/**
 * Authenticates a WebSocket handshake before the upgrade. Credentials are taken in the
 * API's order, the first present wins: {@code ?token=} (a single-use ws-token or an
 * access token), {@code Authorization: Bearer}, the {@code parley_access} cookie. A
 * cookie only counts when the {@code Origin} is allowed, since browsers send cookies
 * along with cross-site handshakes.
 */
@Component
class Handshake {

	private static final String BEARER = "Bearer ";

	private final Sessions sessions;

	private final AccessTokens accessTokens;

	private final Set<String> allowedOrigins = new HashSet<>();

	Handshake(Sessions sessions, AccessTokens accessTokens, HttpProperties http) {
		this.sessions = sessions;
		this.accessTokens = accessTokens;
		URI publicUrl = http.publicUrl();
		this.allowedOrigins.add(origin(publicUrl));
		for (String allowed : http.allowedOrigins()) {
			if (!allowed.isBlank()) {
				this.allowedOrigins.add(allowed.strip().replaceAll("/+$", ""));
			}
		}
	}

	/**
	 * The caller, or 401 (no or bad credentials) / 403 (cookie from a foreign origin).
	 */
	Mono<Caller> authenticate(ServerHttpRequest request) {
		String query = request.getQueryParams().getFirst("token");
		if (query != null && !query.isBlank()) {
			return caller(query, AuthenticatedUser.Credential.QUERY);
		}
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return caller(authorization.substring(BEARER.length()).strip(), AuthenticatedUser.Credential.BEARER);
		}
		HttpCookie cookie = request.getCookies().getFirst("parley_access");
		if (cookie != null && !cookie.getValue().isEmpty()) {
			String origin = request.getHeaders().getOrigin();
			if (origin == null || !this.allowedOrigins.contains(origin)) {
				return Mono.error(CommonErrors.forbidden("This origin may not open cookie-authenticated sockets."));
			}
			return caller(cookie.getValue(), AuthenticatedUser.Credential.COOKIE);
		}
		return Mono.error(CommonErrors.unauthenticated());
	}

	private Mono<Caller> caller(String token, AuthenticatedUser.Credential credential) {
		Instant expiresAt = this.accessTokens.verify(token).map(AccessTokens.Verified::expiresAt).orElse(null);
		return this.sessions.authenticate(token, credential)
			.map((user) -> new Caller(user, expiresAt))
			.switchIfEmpty(Mono.error(CommonErrors::unauthenticated));
	}

	private static String origin(URI uri) {
		int port = uri.getPort();
		return uri.getScheme() + "://" + uri.getHost() + ((port > 0) ? ":" + port : "");
	}

	/**
	 * An authenticated socket owner.
	 *
	 * @param credentialExpiresAt when an access token used as the credential expires (the
	 * socket closes with 4401 then); null for a ws-token, which only opens
	 */
	record Caller(AuthenticatedUser user, @Nullable Instant credentialExpiresAt) {
	}

}

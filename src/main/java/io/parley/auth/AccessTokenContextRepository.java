package io.parley.auth;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.parley.web.AuthenticatedUser;
import io.parley.web.SharedResult;

/**
 * Stateless authentication: each request is authenticated by its access token, taken from
 * {@code Authorization: Bearer} or else the {@code parley_access} cookie, and accepted
 * only while its login session is live (so logout takes effect at once). A missing or bad
 * token leaves the request anonymous; protected routes then answer 401.
 */
@Component
class AccessTokenContextRepository implements ServerSecurityContextRepository {

	private static final String BEARER = "Bearer ";

	private final Sessions sessions;

	AccessTokenContextRepository(Sessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		return Mono.empty();
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authenticate(authorization.substring(BEARER.length()).trim(), AuthenticatedUser.Credential.BEARER);
		}
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SessionCookies.ACCESS);
		if (cookie != null && !cookie.getValue().isEmpty()) {
			return authenticate(cookie.getValue(), AuthenticatedUser.Credential.COOKIE);
		}
		return Mono.empty();
	}

	/**
	 * Spring Security subscribes to the loaded context each time a filter or handler asks
	 * for it; sharing the result keeps that to one session check per request.
	 */
	private Mono<SecurityContext> authenticate(String token, AuthenticatedUser.Credential credential) {
		return SharedResult.of(this.sessions.authenticate(token, credential)
			.map((user) -> (SecurityContext) new SecurityContextImpl(new ParleyAuthentication(user))));
	}

}

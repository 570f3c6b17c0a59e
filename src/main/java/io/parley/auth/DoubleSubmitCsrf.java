package io.parley.auth;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.parley.web.AuthenticatedUser;

/**
 * CSRF defence for cookie-borne credentials: an unsafe request authenticated by the
 * access cookie must carry {@code X-XSRF-TOKEN} equal to the {@code XSRF-TOKEN} cookie,
 * which another site can neither read nor set. Bearer requests need nothing. Refresh and
 * logout, which use the refresh cookie, call {@link #verify} themselves.
 */
@Component
class DoubleSubmitCsrf {

	static final String HEADER = "X-XSRF-TOKEN";

	/**
	 * The check as a security filter; it runs after authentication (see
	 * {@link SecurityConfiguration}).
	 */
	WebFilter filter() {
		return this::filter;
	}

	private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (isSafe(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull((context) -> context.getAuthentication())
			.map((authentication) -> authentication.getPrincipal() instanceof AuthenticatedUser user
					&& user.credential() == AuthenticatedUser.Credential.COOKIE)
			.defaultIfEmpty(false)
			.flatMap((cookieBorne) -> cookieBorne ? verify(exchange.getRequest()) : Mono.empty())
			.then(chain.filter(exchange));
	}

	/** Fails with 403 {@code csrf_failed} unless header and cookie match. */
	Mono<Void> verify(ServerHttpRequest request) {
		HttpCookie cookie = request.getCookies().getFirst(SessionCookies.XSRF);
		String header = request.getHeaders().getFirst(HEADER);
		if (cookie == null || header == null || cookie.getValue().isEmpty()
				|| !Tokens.sameText(cookie.getValue(), header)) {
			return Mono.error(AuthErrors.csrfFailed());
		}
		return Mono.empty();
	}

	private static boolean isSafe(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)
				|| HttpMethod.TRACE.equals(method);
	}

}

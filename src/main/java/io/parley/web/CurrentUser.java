package io.parley.web;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The authenticated caller of a request, or 401 {@code unauthenticated}.
 */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static Mono<AuthenticatedUser> of(ServerRequest request) {
		return request.principal()
			.filter(Authentication.class::isInstance)
			.map((principal) -> ((Authentication) principal).getPrincipal())
			.filter(AuthenticatedUser.class::isInstance)
			.cast(AuthenticatedUser.class)
			.switchIfEmpty(Mono.error(CommonErrors::unauthenticated));
	}

}

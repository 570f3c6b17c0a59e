package io.parley.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The last router for {@code /api/**}: tells a wrong method (405 with {@code Allow}) from
 * an unknown path (404) by asking the other routers whether they would take the same path
 * with another method.
 */
final class UnmatchedApiRoutes implements RouterFunction<ServerResponse> {

	private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
			HttpMethod.PATCH, HttpMethod.DELETE);

	private final ObjectProvider<RouterFunction<?>> routers;

	UnmatchedApiRoutes(ObjectProvider<RouterFunction<?>> routers) {
		this.routers = routers;
	}

	@Override
	public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		if (!request.requestPath().value().startsWith("/api/")) {
			return Mono.empty();
		}
		return Flux.fromIterable(METHODS)
			.filter((method) -> !method.equals(request.method()))
			.filterWhen((method) -> matchesWith(request, method))
			.collect(LinkedHashSet<HttpMethod>::new, Set::add)
			.map((allowed) -> (HandlerFunction<ServerResponse>) (req) -> Mono.error(allowed.isEmpty()
					? CommonErrors.notFound("No route for " + req.method().name() + " " + req.path() + ".")
					: CommonErrors.methodNotAllowed(req.method(), allowed)));
	}

	private Mono<Boolean> matchesWith(ServerRequest request, HttpMethod method) {
		ServerRequest probe = ServerRequest.from(request).method(method).build();
		return Flux.fromStream(this.routers.orderedStream())
			.filter((router) -> router != this)
			.concatMap((router) -> router.route(probe))
			.hasElements();
	}

}

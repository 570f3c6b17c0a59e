package io.parley.web;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads numeric ids from path variables; anything that is not a positive integer cannot
 * name a row, so it is a 404 like any unknown route.
 */
public final class PathIds {

	private PathIds() {
	}

	public static long of(ServerRequest request, String name) {
		long id = Digits.parse(request.pathVariable(name));
		if (id > 0) {
			return id;
		}
		throw CommonErrors.notFound("No route for " + request.method().name() + " " + request.path() + ".");
	}

}

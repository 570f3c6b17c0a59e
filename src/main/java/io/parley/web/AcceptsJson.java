package io.parley.web;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The API answers JSON only: a request under {@code /api/} whose {@code Accept} header
 * excludes JSON is 406 {@code not_acceptable} (handlers that set their content type would
 * otherwise answer JSON anyway). The most specific range that covers
 * {@code application/json} decides, with its quality ({@code q=0} refuses). No
 * {@code Accept}, or one that cannot be read, takes JSON.
 */
@Component
@Order(0)
class AcceptsJson implements WebFilter {

	private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/api/") && !acceptsJson(exchange)) {
			return Mono.error(new NotAcceptableStatusException(OFFERED));
		}
		return chain.filter(exchange);
	}

	private static boolean acceptsJson(ServerWebExchange exchange) {
		List<MediaType> accepted;
		try {
			accepted = exchange.getRequest().getHeaders().getAccept();
		}
		catch (InvalidMediaTypeException ex) {
			return true;
		}
		if (accepted.isEmpty()) {
			return true;
		}
		// the most specific range that covers JSON decides (application/json over
		// application/* over */*)
		MediaType decisive = null;
		for (MediaType range : accepted) {
			if (range.includes(MediaType.APPLICATION_JSON)
					&& (decisive == null || specificity(range) > specificity(decisive))) {
				decisive = range;
			}
		}
		return decisive != null && decisive.getQualityValue() > 0;
	}

	private static int specificity(MediaType range) {
		return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
	}

}

package io.parley.web;

import java.util.List;
import java.util.function.BiPredicate;

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
 * otherwise answer JSON anyway); {@code application/json;q=0} refuses it outright. No
 * {@code Accept}, or one that cannot be read, takes JSON.
 */
@Component
@Order(0)
class AcceptsJson implements WebFilter {

	private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON);

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
		if (accepted.stream()
			.anyMatch((type) -> type.getQualityValue() == 0 && offered(type, MediaType::equalsTypeAndSubtype))) {
			return false;
		}
		return accepted.isEmpty() || accepted.stream()
			.anyMatch((type) -> type.getQualityValue() > 0 && offered(type, MediaType::isCompatibleWith));
	}

	private static boolean offered(MediaType accepted, BiPredicate<MediaType, MediaType> match) {
		return OFFERED.stream().anyMatch((offer) -> match.test(accepted, offer));
	}

}

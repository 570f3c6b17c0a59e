package io.parley.web;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * HEAD is answered like GET without the body (HTTP's rule; the functional routes only
 * name GET): the request is routed as a GET, and WebFlux drops the body of a HEAD
 * response.
 */
@Component
@Order(1)
class HeadAsGet implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request((request) -> request.method(HttpMethod.GET)).build());
	}

}

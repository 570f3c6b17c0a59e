package io.parley.web;

import java.util.function.Consumer;

import io.netty.channel.ChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Reactor Netty's request timeout ({@code parley.http.request-timeout}) as the exchange
 * sees it: a body read that fails with it is answered 408 by
 * {@link ProblemExceptionHandler}. Reactor Netty then signals the same error a second
 * time to the body's finished subscriber, which Reactor would log as an ERROR with a
 * stack trace ("Operator called default onErrorDropped"); this filter drops that repeat
 * quietly.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTimeouts implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestTimeouts.class);

	/** Reactor's key for a per-subscription onErrorDropped hook. */
	private static final String ON_ERROR_DROPPED = "reactor.onErrorDropped.local";

	private static final String REQUEST_TIMEOUT = "reactor.netty.http.server.RequestTimeoutException";

	private static final Consumer<Throwable> DROPPED = (ex) -> {
		if (isRequestTimeout(ex)) {
			log.debug("Request timeout signalled again after the 408: {}", ex.toString());
		}
		else {
			LoggerFactory.getLogger("reactor.core.publisher.Operators")
				.error("Operator called default onErrorDropped", ex);
		}
	};

	static boolean isRequestTimeout(Throwable ex) {
		return ex instanceof ChannelException && ex.getClass().getName().equals(REQUEST_TIMEOUT);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).contextWrite((context) -> context.put(ON_ERROR_DROPPED, DROPPED));
	}

}

package io.parley.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routing shared by every feature.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	RouterFunction<ServerResponse> unmatchedApiRoutes(ObjectProvider<RouterFunction<?>> routers) {
		return new UnmatchedApiRoutes(routers);
	}

}

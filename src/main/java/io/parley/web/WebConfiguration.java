package io.parley.web;

import reactor.netty.NettyPipeline;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routing shared by every feature, the HTTP server's request timeout, and problem+json
 * for requests Reactor Netty cannot decode.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	RouterFunction<ServerResponse> unmatchedApiRoutes(ObjectProvider<RouterFunction<?>> routers) {
		return new UnmatchedApiRoutes(routers);
	}

	/**
	 * A request whose body has not fully arrived this long after its headers is answered
	 * 408 and its connection closed. It ends with the request's last byte, so WebSockets
	 * are not affected; {@code server.netty.idle-timeout} covers connections that send
	 * nothing.
	 */
	@Bean
	NettyServerCustomizer requestTimeout(HttpProperties http) {
		return (server) -> server.requestTimeout(http.requestTimeout());
	}

	@Bean
	NettyServerCustomizer decodingFailureProblems(ProblemWriter problems) {
		return (server) -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, "parleyDecodingFailures", new DecodingFailureProblems(problems));
			}
		});
	}

}

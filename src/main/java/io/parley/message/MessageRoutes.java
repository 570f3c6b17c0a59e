package io.parley.message;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Routes of a room's messages, read marker and receipts.
 */
@Configuration(proxyBeanMethods = false)
class MessageRoutes {

	@Bean
	RouterFunction<ServerResponse> messageRouter(MessageHandler messages) {
		return route()
			.path("/api/rooms/{id}",
					(b) -> b.GET("/messages", messages::history)
						.POST("/messages", messages::send)
						.PATCH("/messages/{messageId}", messages::edit)
						.DELETE("/messages/{messageId}", messages::delete)
						.POST("/read", messages::read)
						.GET("/receipts", messages::receipts))
			.build();
	}

}

package io.parley.room;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Routes of {@code /api/rooms} and {@code /api/invite-links}. The fixed paths
 * ({@code /discover}, {@code /join}) come before {@code /{id}}.
 */
@Configuration(proxyBeanMethods = false)
class RoomRoutes {

	@Bean
	RouterFunction<ServerResponse> roomRouter(RoomHandler rooms, MemberHandler members, InviteLinkHandler links) {
		return route()
			.path("/api/rooms",
					(b) -> b.GET("", rooms::inbox)
						.POST("", rooms::create)
						.GET("/discover", rooms::discover)
						.POST("/join", rooms::join)
						.GET("/{id}", rooms::get)
						.PATCH("/{id}", rooms::change)
						.DELETE("/{id}", rooms::delete)
						.POST("/{id}/leave", rooms::leave)
						.GET("/{id}/members", members::list)
						.PATCH("/{id}/members/{userId}", members::changeRole)
						.DELETE("/{id}/members/{userId}", members::kick)
						.POST("/{id}/invite-links", links::create)
						.GET("/{id}/invite-links", links::list)
						.DELETE("/{id}/invite-links/{code}", links::revoke))
			.POST("/api/invite-links/{code}/join", links::join)
			.build();
	}

}

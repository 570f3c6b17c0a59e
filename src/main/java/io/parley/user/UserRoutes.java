package io.parley.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Routes of {@code /api/users}.
 */
@Configuration(proxyBeanMethods = false)
class UserRoutes {

	@Bean
	RouterFunction<ServerResponse> userRouter(UserHandler users) {
		return route()
			.path("/api/users",
					(b) -> b.GET("/me", users::getMe).PATCH("/me", users::patchMe).GET("/{id}", users::getUser))
			.build();
	}

}

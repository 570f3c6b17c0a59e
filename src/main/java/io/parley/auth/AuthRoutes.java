package io.parley.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Routes of {@code /api/auth}.
 */
@Configuration(proxyBeanMethods = false)
class AuthRoutes {

	@Bean
	RouterFunction<ServerResponse> authRouter(AuthHandler auth) {
		return route()
			.path("/api/auth",
					(b) -> b.POST("/register", auth::register)
						.POST("/verify-email", auth::verifyEmail)
						.POST("/resend-code", auth::resendCode)
						.POST("/login", auth::login)
						.POST("/refresh", auth::refresh)
						.POST("/logout", auth::logout)
						.POST("/ws-token", auth::wsToken)
						.GET("/csrf", auth::csrf))
			.build();
	}

}

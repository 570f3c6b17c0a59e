package io.parley.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import io.parley.web.CommonErrors;
import io.parley.web.ProblemWriter;

/**
 * The one security filter chain: stateless access-token authentication, every
 * {@code /api} route but {@code /api/auth} signed in, CSRF double submit for cookie
 * credentials, and refusals rendered as problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AccessTokenContextRepository tokens,
			DoubleSubmitCsrf csrf, ProblemWriter problems) {
		return http.securityContextRepository(tokens)
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/api/auth/**")
				.permitAll()
				.pathMatchers(HttpMethod.OPTIONS, "/api/**")
				.permitAll()
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.exceptionHandling((errors) -> errors
				.authenticationEntryPoint(
						(exchange, ex) -> problems.write(exchange.getResponse(), CommonErrors.unauthenticated()))
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange.getResponse(),
						CommonErrors.forbidden("You may not do this."))))
			.addFilterAfter(csrf.filter(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

}

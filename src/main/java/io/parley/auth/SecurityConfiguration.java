package io.parley.auth;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
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

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** The methods {@code StrictServerWebExchangeFirewall} lets through by default. */
	private static final Set<HttpMethod> FIREWALL_METHODS = Set.of(HttpMethod.DELETE, HttpMethod.GET, HttpMethod.HEAD,
			HttpMethod.OPTIONS, HttpMethod.PATCH, HttpMethod.POST, HttpMethod.PUT);

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

	/**
	 * Requests the firewall refuses before any filter runs: a method the server never
	 * takes is 405, a suspicious path ({@code ;}, {@code %2F}, {@code %00}, {@code ..})
	 * 400 {@code malformed_request}.
	 */
	@Bean
	ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemWriter problems) {
		return (exchange, ex) -> {
			HttpMethod method = exchange.getRequest().getMethod();
			log.debug("Refused by the firewall: {}", ex.getMessage());
			return problems.write(exchange.getResponse(),
					FIREWALL_METHODS.contains(method)
							? CommonErrors.malformedRequest("The request path is not allowed.")
							: CommonErrors.methodNotAllowed(method, FIREWALL_METHODS));
		};
	}

}

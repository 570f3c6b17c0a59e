package io.parley.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns {@code PARLEY_DB_*} (and {@code PARLEY_REDIS_URL}) into the R2DBC settings used
 * at run time and the JDBC settings Flyway migrates with, and refuses to start without
 * the settings a real deployment needs. A missing setting is one clear line on standard
 * error and exit code 2, not a stack trace.
 */
class DatabaseSettings implements EnvironmentPostProcessor, Ordered {

	static final int MIN_JWT_SECRET_BYTES = 32;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("parley.db.url");
		if (!StringUtils.hasText(url)) {
			fail("PARLEY_DB_URL is not set. Point it at PostgreSQL, e.g. "
					+ "PARLEY_DB_URL=r2dbc:postgresql://localhost:5432/parley (the packaged jar has no embedded "
					+ "database; for development run ./mvnw spring-boot:test-run).");
		}
		String secret = environment.getProperty("parley.auth.jwt-secret");
		boolean development = environment.matchesProfiles("dev");
		if (StringUtils.hasText(secret)
				? secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES
				: !development) {
			fail("PARLEY_JWT_SECRET must be set to a random string of at least " + MIN_JWT_SECRET_BYTES
					+ " bytes (e.g. openssl rand -base64 48).");
		}
		DatabaseUrl database;
		try {
			database = DatabaseUrl.parse(url);
		}
		catch (IllegalArgumentException ex) {
			fail(ex.getMessage());
			return;
		}
		String user = firstText(environment.getProperty("parley.db.user"), database.user(), "postgres");
		String password = firstText(environment.getProperty("parley.db.password"), database.password(), "");
		Map<String, Object> derived = new HashMap<>();
		derived.put("spring.r2dbc.url", database.r2dbc());
		derived.put("spring.r2dbc.username", user);
		derived.put("spring.r2dbc.password", password);
		derived.put("spring.flyway.url", database.jdbc());
		derived.put("spring.flyway.user", user);
		derived.put("spring.flyway.password", password);
		derived.put("parley.db.describe", database.describe());
		String redis = environment.getProperty("parley.redis.url");
		boolean useRedis = StringUtils.hasText(redis);
		if (useRedis) {
			derived.put("spring.data.redis.url", redis);
		}
		derived.put("management.health.redis.enabled", useRedis);
		derived.put("management.endpoint.health.group.readiness.include",
				useRedis ? "readinessState,r2dbc,redis" : "readinessState,r2dbc");
		environment.getPropertySources().addFirst(new MapPropertySource("parleyDatabase", derived));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static String firstText(String... candidates) {
		for (String candidate : candidates) {
			if (StringUtils.hasText(candidate)) {
				return candidate;
			}
		}
		return "";
	}

	private static void fail(String line) {
		System.err.println("Parley cannot start: " + line);
		System.exit(2);
	}

}

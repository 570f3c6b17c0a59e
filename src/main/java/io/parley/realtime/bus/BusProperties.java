package io.parley.realtime.bus;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the cluster's bus lives: Redis at {@code url} ({@code PARLEY_REDIS_URL}), or,
 * when it is not set, nowhere but in this process.
 */
@ConfigurationProperties("parley.redis")
public record BusProperties(@Nullable String url) {

	public boolean redis() {
		return this.url != null && !this.url.isBlank();
	}

}

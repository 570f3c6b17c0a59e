package io.parley.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes and the limits that slow down guessing.
 *
 * @param jwtSecret HS256 key for access tokens ({@code PARLEY_JWT_SECRET}, at least 32
 * bytes; development generates one)
 * @param accessTokenTtl how long an access token lives
 * @param refreshTokenTtl absolute lifetime of a login session (refresh-token family)
 * @param wsTokenTtl lifetime of a single-use WebSocket token
 * @param codeTtl lifetime of an e-mail verification code
 * @param codeMaxAttempts wrong tries that burn a code
 * @param mailInterval at most one verification mail per address in this interval
 * @param loginMaxFailures failed logins per account, and per IP, before 429
 * @param loginWindow the window those failures are counted in
 * @param registrationsPerIpPerHour new accounts per client address per hour
 * @param resendsPerIpPerHour code resends per client address per hour
 */
@ConfigurationProperties("parley.auth")
record AuthProperties(@Nullable String jwtSecret, @DefaultValue("15m") Duration accessTokenTtl,
		@DefaultValue("30d") Duration refreshTokenTtl, @DefaultValue("60s") Duration wsTokenTtl,
		@DefaultValue("10m") Duration codeTtl, @DefaultValue("5") int codeMaxAttempts,
		@DefaultValue("60s") Duration mailInterval, @DefaultValue("10") int loginMaxFailures,
		@DefaultValue("15m") Duration loginWindow, @DefaultValue("20") int registrationsPerIpPerHour,
		@DefaultValue("30") int resendsPerIpPerHour) {
}

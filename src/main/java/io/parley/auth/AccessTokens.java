package io.parley.auth;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.parley.web.HttpProperties;

/**
 * Issues and checks access tokens: HS256 JWTs with {@code typ: at+jwt} (so no other kind
 * of token passes for one), issuer, audience, subject (user id), {@code sid} (login
 * session), {@code jti} and expiry. Any other algorithm, {@code alg: none}, a bad
 * signature, a wrong type, issuer or audience, or an expired token is refused.
 */
@Component
public class AccessTokens {

	static final String AUDIENCE = "parley";

	static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	/** Longer than any token this server issues (about 280 characters). */
	static final int MAX_TOKEN_LENGTH = 1024;

	private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

	private final AuthProperties properties;

	private final String issuer;

	private final MACSigner signer;

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final Clock clock;

	/** Tokens in use at once, about: one per live login session of recent minutes. */
	private final VerifiedTokens verified = new VerifiedTokens(20_000);

	AccessTokens(AuthProperties properties, HttpProperties http) throws JOSEException {
		this.properties = properties;
		this.issuer = http.publicUrl().toString();
		this.clock = Clock.systemUTC();
		byte[] secret = secret(properties);
		this.signer = new MACSigner(secret);
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
		this.processor
			.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
				new JWTClaimsSet.Builder().issuer(this.issuer).build(), Set.of("sub", "sid", "jti", "exp", "iat"));
		claims.setMaxClockSkew(0);
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	private static byte[] secret(AuthProperties properties) {
		String configured = properties.jwtSecret();
		if (configured != null && !configured.isBlank()) {
			return configured.getBytes(StandardCharsets.UTF_8);
		}
		log.warn("PARLEY_JWT_SECRET is not set: using a random key for this run (development only). "
				+ "Sessions end when the server restarts.");
		return (Tokens.random() + Tokens.random()).getBytes(StandardCharsets.UTF_8);
	}

	/** A signed token for one user and login session. */
	public Issued issue(long userId, long sessionId) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(this.properties.accessTokenTtl());
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(AUDIENCE)
			.subject(Long.toString(userId))
			.claim("sid", sessionId)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
		return new Issued(jwt.serialize(), expiresAt);
	}

	/**
	 * The token's claims when it is valid now; empty for anything else. Only the compact
	 * form this server issues counts (the JWT library would skip characters outside
	 * base64url, so one token would pass under countless texts). A token verified before
	 * is only checked for expiry.
	 */
	public Optional<Verified> verify(String token) {
		if (token.length() > MAX_TOKEN_LENGTH || !COMPACT_JWS.matcher(token).matches()) {
			return Optional.empty();
		}
		Verified known = this.verified.get(token, this.clock.instant());
		if (known != null) {
			return Optional.of(known);
		}
		try {
			JWTClaimsSet claims = this.processor.process(token, null);
			long userId = Long.parseLong(claims.getSubject());
			long sessionId = claims.getLongClaim("sid");
			Verified checked = new Verified(userId, sessionId, claims.getExpirationTime().toInstant());
			this.verified.put(token, checked);
			return Optional.of(checked);
		}
		catch (ParseException | BadJOSEException | JOSEException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** A freshly signed token. */
	public record Issued(String token, Instant expiresAt) {
	}

	/** What a valid token says. */
	public record Verified(long userId, long sessionId, Instant expiresAt) {
	}

}

package io.parley.support;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens signed by the test with {@link TestServices#JWT_SECRET}, shaped like the
 * server's own (HS256, {@code typ: at+jwt}), for cases the server would not issue on
 * demand, such as one that expires in two seconds.
 */
public final class ForgedTokens {

	private ForgedTokens() {
	}

	/**
	 * A copy of {@code session}'s access token (same issuer, audience, user and login
	 * session) that expires at {@code expiresAt}.
	 */
	public static String expiringAt(AppSession session, Instant expiresAt) {
		try {
			JWTClaimsSet original = SignedJWT.parse(session.accessToken()).getJWTClaimsSet();
			JWTClaimsSet claims = new JWTClaimsSet.Builder(original).jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(Instant.now().minusSeconds(1)))
				.expirationTime(Date.from(expiresAt))
				.build();
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), claims);
			jwt.sign(new MACSigner(TestServices.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("Could not forge an access token", ex);
		}
	}

}

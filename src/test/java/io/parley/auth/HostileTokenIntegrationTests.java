package io.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import io.parley.support.AppSession;
import io.parley.support.ForgedTokens;
import io.parley.support.IntegrationTest;
import io.parley.support.TestServices;
import io.parley.support.WebSession;

import static io.parley.support.Problems.expectProblem;

/**
 * Tokens an attacker might craft. Each is forged from the claims of a real, live session
 * and differs from a valid token in one way only; the first test proves the forge itself
 * makes tokens the server accepts.
 */
class HostileTokenIntegrationTests extends IntegrationTest {

	private static final byte[] SECRET = TestServices.JWT_SECRET.getBytes(StandardCharsets.UTF_8);

	private AppSession session;

	@BeforeEach
	void signIn() {
		this.session = this.accounts.newUser("target");
	}

	@Test
	void meWhenForgedWithTheRealKeyAndClaimsThenAccepted() {
		this.accounts.me(hs256(claims(UnaryOperator.identity()))).expectStatus().isOk();
	}

	@Test
	void aTokenAcceptedBeforeIsRefusedFromItsExpiryOn() {
		Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
		String token = ForgedTokens.expiringAt(this.session, expiresAt);
		this.accounts.me(token).expectStatus().isOk();
		this.accounts.me(token).expectStatus().isOk();
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !Instant.now().isBefore(expiresAt));
		expectRefused(token);
	}

	@Test
	void aValidTokenWithCharactersAddedOutsideBase64urlIsRefused() {
		String token = hs256(claims(UnaryOperator.identity()));
		this.accounts.me(token).expectStatus().isOk();
		int lastDot = token.lastIndexOf('.');
		for (String variant : List.of(token + "!", token + "=",
				token.substring(0, lastDot + 3) + "~" + token.substring(lastDot + 3), token + "!".repeat(3000))) {
			expectRefused(variant);
		}
	}

	@Test
	void meWhenAlgNoneThenUnauthenticated() {
		PlainHeader header = new PlainHeader.Builder().type(AccessTokens.TYPE).build();
		expectRefused(new PlainJWT(header, claims(UnaryOperator.identity())).serialize());
	}

	@Test
	void meWhenSignedWithHs384ThenUnauthenticated() {
		expectRefused(sign(JWSAlgorithm.HS384, AccessTokens.TYPE, claims(UnaryOperator.identity()), mac(SECRET)));
	}

	@Test
	void meWhenSignedWithHs512ThenUnauthenticated() {
		byte[] longer = (TestServices.JWT_SECRET + TestServices.JWT_SECRET).getBytes(StandardCharsets.UTF_8);
		expectRefused(sign(JWSAlgorithm.HS512, AccessTokens.TYPE, claims(UnaryOperator.identity()), mac(longer)));
	}

	@Test
	void meWhenSignedWithRs256ThenUnauthenticated() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		expectRefused(sign(JWSAlgorithm.RS256, AccessTokens.TYPE, claims(UnaryOperator.identity()),
				new RSASSASigner(generator.generateKeyPair().getPrivate())));
	}

	@Test
	void meWhenSignedWithAnotherKeyThenUnauthenticated() {
		byte[] other = "another-secret-another-secret-another-secret!!!!".getBytes(StandardCharsets.UTF_8);
		expectRefused(sign(JWSAlgorithm.HS256, AccessTokens.TYPE, claims(UnaryOperator.identity()), mac(other)));
	}

	@Test
	void meWhenPayloadTamperedThenUnauthenticated() {
		String[] parts = this.session.accessToken().split("\\.");
		JWTClaimsSet otherUser = claims((c) -> c.subject(Long.toString(this.session.userId() + 1)));

		expectRefused(parts[0] + "." + otherUser.toPayload().toBase64URL() + "." + parts[2]);
	}

	@Test
	void meWhenSignatureTamperedThenUnauthenticated() {
		String token = this.session.accessToken();
		int signature = token.lastIndexOf('.') + 1;
		char flipped = (token.charAt(signature) == 'A') ? 'B' : 'A';

		expectRefused(token.substring(0, signature) + flipped + token.substring(signature + 1));
	}

	@Test
	void meWhenExpiredThenUnauthenticated() {
		Instant past = Instant.now().minusSeconds(60);
		expectRefused(
				hs256(claims((c) -> c.issueTime(Date.from(past.minusSeconds(900))).expirationTime(Date.from(past)))));
	}

	@Test
	void meWhenTypeIsPlainJwtThenUnauthenticated() {
		expectRefused(sign(JWSAlgorithm.HS256, JOSEObjectType.JWT, claims(UnaryOperator.identity()), mac(SECRET)));
	}

	@Test
	void meWhenTypeMissingThenUnauthenticated() {
		expectRefused(sign(JWSAlgorithm.HS256, null, claims(UnaryOperator.identity()), mac(SECRET)));
	}

	@Test
	void meWhenIssuerWrongThenUnauthenticated() {
		expectRefused(hs256(claims((c) -> c.issuer("https://evil.example.com"))));
	}

	@Test
	void meWhenAudienceWrongThenUnauthenticated() {
		expectRefused(hs256(claims((c) -> c.audience("another-service"))));
	}

	@Test
	void meWhenSessionClaimMissingThenUnauthenticated() {
		expectRefused(hs256(claims((c) -> c.claim("sid", null))));
	}

	@Test
	void meWhenGarbageThenUnauthenticated() {
		expectRefused("garbage");
		expectRefused("a.b.c");
	}

	private void expectRefused(String token) {
		expectProblem(this.accounts.me(token), HttpStatus.UNAUTHORIZED, "unauthenticated");
		expectProblem(this.http.get().uri("/api/users/me").cookie(WebSession.ACCESS, token).exchange(),
				HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	/**
	 * The claims of the session's real token, with a fresh id, changed by {@code change}.
	 */
	private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
		try {
			JWTClaimsSet real = SignedJWT.parse(this.session.accessToken()).getJWTClaimsSet();
			return change.apply(new JWTClaimsSet.Builder(real).jwtID(UUID.randomUUID().toString())).build();
		}
		catch (ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	private static String hs256(JWTClaimsSet claims) {
		return sign(JWSAlgorithm.HS256, AccessTokens.TYPE, claims, mac(SECRET));
	}

	private static String sign(JWSAlgorithm algorithm, JOSEObjectType type, JWTClaimsSet claims, JWSSigner signer) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(type).build(), claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new AssertionError(ex);
		}
		return jwt.serialize();
	}

	private static JWSSigner mac(byte[] secret) {
		try {
			return new MACSigner(secret);
		}
		catch (JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

}

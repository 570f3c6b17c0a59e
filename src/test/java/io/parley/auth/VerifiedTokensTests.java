package io.parley.auth;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTests {

	private static final Instant EXPIRY = Instant.parse("2026-11-22T15:00:00Z");

	private final VerifiedTokens tokens = new VerifiedTokens(2);

	@Test
	void aVerifiedTokenIsKnownUntilItExpiresAndThenForgotten() {
		AccessTokens.Verified verified = new AccessTokens.Verified(7, 11, EXPIRY);
		this.tokens.put("token", verified);
		assertThat(this.tokens.get("token", EXPIRY.minusMillis(1))).isEqualTo(verified);
		assertThat(this.tokens.get("other", EXPIRY.minusMillis(1))).isNull();
		assertThat(this.tokens.get("token", EXPIRY)).isNull();
		assertThat(this.tokens.size()).isZero();
		assertThat(this.tokens.get("token", EXPIRY.minusMillis(1))).isNull();
	}

	@Test
	void whenFullItStartsOver() {
		this.tokens.put("a", new AccessTokens.Verified(1, 1, EXPIRY));
		this.tokens.put("b", new AccessTokens.Verified(2, 2, EXPIRY));
		this.tokens.put("c", new AccessTokens.Verified(3, 3, EXPIRY));
		assertThat(this.tokens.size()).isEqualTo(1);
		assertThat(this.tokens.get("a", EXPIRY.minusSeconds(1))).isNull();
		assertThat(this.tokens.get("c", EXPIRY.minusSeconds(1))).isNotNull();
	}

}

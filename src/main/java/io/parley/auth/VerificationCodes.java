package io.parley.auth;

import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Six-digit e-mail verification codes: stored hashed, one per user (a new one replaces
 * the old, with fresh tries), expiring, single use, burnt by too many wrong tries.
 */
@Component
class VerificationCodes {

	private final DatabaseClient db;

	private final AuthProperties properties;

	VerificationCodes(DatabaseClient db, AuthProperties properties) {
		this.db = db;
		this.properties = properties;
	}

	/**
	 * A fresh code for the user, replacing any earlier one; returns it in the clear for
	 * the mail.
	 */
	Mono<String> issue(long userId) {
		String code = Tokens.sixDigits();
		return this.db.sql("""
				INSERT INTO email_verification_codes (user_id, code_hash, expires_at)
				VALUES (:userId, :hash, now() + make_interval(secs => :ttl))
				ON CONFLICT (user_id) DO UPDATE
				SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
				    failed_attempts = 0, created_at = now()
				""")
			.bind("userId", userId)
			.bind("hash", hash(userId, code))
			.bind("ttl", (double) this.properties.codeTtl().toSeconds())
			.then()
			.thenReturn(code);
	}

	Mono<Outcome> check(long userId, String code) {
		return this.db
			.sql("SELECT code_hash, expires_at, failed_attempts FROM email_verification_codes WHERE user_id = :userId")
			.bind("userId", userId)
			.map((row) -> new Stored(row.get("code_hash", byte[].class), row.get("expires_at", Instant.class),
					row.get("failed_attempts", Integer.class)))
			.one()
			.flatMap((stored) -> judge(userId, code, stored))
			.defaultIfEmpty(Outcome.WRONG);
	}

	private Mono<Outcome> judge(long userId, String code, Stored stored) {
		int max = this.properties.codeMaxAttempts();
		if (stored.failedAttempts() >= max) {
			return Mono.just(Outcome.BURNT);
		}
		if (!stored.expiresAt().isAfter(Instant.now())) {
			return Mono.just(Outcome.EXPIRED);
		}
		byte[] presented = hash(userId, code);
		if (Tokens.sameBytes(presented, stored.codeHash())) {
			return this.db
				.sql("DELETE FROM email_verification_codes "
						+ "WHERE user_id = :userId AND code_hash = :hash AND failed_attempts < :max RETURNING user_id")
				.bind("userId", userId)
				.bind("hash", presented)
				.bind("max", max)
				.map((row) -> Outcome.VERIFIED)
				.one()
				.defaultIfEmpty(Outcome.WRONG);
		}
		return this.db
			.sql("UPDATE email_verification_codes SET failed_attempts = failed_attempts + 1 "
					+ "WHERE user_id = :userId RETURNING failed_attempts")
			.bind("userId", userId)
			.map((row) -> (row.get("failed_attempts", Integer.class) >= max) ? Outcome.BURNT : Outcome.WRONG)
			.one()
			.defaultIfEmpty(Outcome.WRONG);
	}

	private static byte[] hash(long userId, String code) {
		return Tokens.sha256(userId + ":" + code);
	}

	/** What a presented code turned out to be. */
	enum Outcome {

		VERIFIED, WRONG, EXPIRED, BURNT

	}

	private record Stored(byte[] codeHash, Instant expiresAt, int failedAttempts) {
	}

}

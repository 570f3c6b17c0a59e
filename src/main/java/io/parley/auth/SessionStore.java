package io.parley.auth;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for login sessions (refresh-token families), their refresh tokens and WebSocket
 * tokens. Tokens are looked up by their SHA-256 only.
 */
@Repository
class SessionStore {

	private final DatabaseClient db;

	SessionStore(DatabaseClient db) {
		this.db = db;
	}

	Mono<StoredSession> create(long userId, Duration lifetime) {
		return this.db
			.sql("INSERT INTO auth_sessions (user_id, expires_at) "
					+ "VALUES (:userId, now() + make_interval(secs => :lifetime)) RETURNING id, user_id, expires_at")
			.bind("userId", userId)
			.bind("lifetime", (double) lifetime.toSeconds())
			.map((row) -> new StoredSession(row.get("id", Long.class), row.get("user_id", Long.class),
					row.get("expires_at", Instant.class)))
			.one();
	}

	Mono<Void> addRefreshToken(long sessionId, byte[] tokenHash) {
		return this.db.sql("INSERT INTO refresh_tokens (token_hash, session_id) VALUES (:hash, :sessionId)")
			.bind("hash", tokenHash)
			.bind("sessionId", sessionId)
			.then();
	}

	/**
	 * Marks the token rotated if it was not already, in one statement, so that of two
	 * racing refreshes exactly one sees {@code rotatedNow}.
	 */
	Mono<Presented> rotate(byte[] tokenHash) {
		return this.db.sql("""
				WITH rotated AS (
				    UPDATE refresh_tokens SET rotated_at = now()
				    WHERE token_hash = :hash AND rotated_at IS NULL
				    RETURNING session_id)
				SELECT s.id, s.user_id, s.expires_at,
				       (s.revoked_at IS NULL AND s.expires_at > now()) AS live,
				       EXISTS (SELECT 1 FROM rotated) AS rotated_now
				FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
				WHERE t.token_hash = :hash
				""")
			.bind("hash", tokenHash)
			.map((row) -> new Presented(
					new StoredSession(row.get("id", Long.class), row.get("user_id", Long.class),
							row.get("expires_at", Instant.class)),
					row.get("live", Boolean.class), row.get("rotated_now", Boolean.class)))
			.one();
	}

	/**
	 * Revokes the session a refresh token belongs to; empty if none or already revoked.
	 */
	Mono<StoredSession> revokeByRefreshToken(byte[] tokenHash) {
		return this.db.sql("""
				UPDATE auth_sessions SET revoked_at = now()
				WHERE id = (SELECT session_id FROM refresh_tokens WHERE token_hash = :hash)
				  AND revoked_at IS NULL
				RETURNING id, user_id, expires_at
				""")
			.bind("hash", tokenHash)
			.map((row) -> new StoredSession(row.get("id", Long.class), row.get("user_id", Long.class),
					row.get("expires_at", Instant.class)))
			.one();
	}

	Mono<Void> revoke(long sessionId) {
		return this.db.sql("UPDATE auth_sessions SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
			.bind("id", sessionId)
			.then();
	}

	Mono<Boolean> isActive(long sessionId, long userId) {
		return this.db
			.sql("SELECT 1 FROM auth_sessions WHERE id = :id AND user_id = :userId "
					+ "AND revoked_at IS NULL AND expires_at > now()")
			.bind("id", sessionId)
			.bind("userId", userId)
			.map((row) -> true)
			.first()
			.defaultIfEmpty(false);
	}

	Mono<Instant> addWsToken(long sessionId, byte[] tokenHash, Duration lifetime) {
		return this.db
			.sql("INSERT INTO ws_tokens (token_hash, session_id, expires_at) "
					+ "VALUES (:hash, :sessionId, now() + make_interval(secs => :lifetime)) RETURNING expires_at")
			.bind("hash", tokenHash)
			.bind("sessionId", sessionId)
			.bind("lifetime", (double) lifetime.toSeconds())
			.map((row) -> row.get("expires_at", Instant.class))
			.one();
	}

	/** Uses up a WebSocket token: the live session it was issued to, at most once. */
	Mono<StoredSession> consumeWsToken(byte[] tokenHash) {
		return this.db.sql("""
				WITH used AS (
				    DELETE FROM ws_tokens WHERE token_hash = :hash RETURNING session_id, expires_at)
				SELECT s.id, s.user_id, s.expires_at FROM used JOIN auth_sessions s ON s.id = used.session_id
				WHERE used.expires_at > now() AND s.revoked_at IS NULL AND s.expires_at > now()
				""")
			.bind("hash", tokenHash)
			.map((row) -> new StoredSession(row.get("id", Long.class), row.get("user_id", Long.class),
					row.get("expires_at", Instant.class)))
			.one();
	}

	Mono<Long> purgeExpired() {
		return this.db.sql("DELETE FROM ws_tokens WHERE expires_at < now()")
			.fetch()
			.rowsUpdated()
			.flatMap((ws) -> this.db.sql("DELETE FROM auth_sessions WHERE expires_at < now() - interval '1 day'")
				.fetch()
				.rowsUpdated()
				.map((sessions) -> ws + sessions));
	}

	/** A login session row. */
	record StoredSession(long id, long userId, Instant expiresAt) {
	}

	/**
	 * A refresh token as presented: its session, whether that is live, whether this call
	 * rotated it.
	 */
	record Presented(StoredSession session, boolean live, boolean rotatedNow) {
	}

}

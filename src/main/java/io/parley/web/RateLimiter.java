package io.parley.web;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Counts events per (bucket, subject) in a sliding window, in PostgreSQL so that every
 * instance sees the same counts. A bucket names what is limited ({@code login-ip}), a
 * subject who ({@code 203.0.113.9}).
 */
@Component
public class RateLimiter {

	private final DatabaseClient db;

	public RateLimiter(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * How long the subject must wait while it already has {@code max} events in the
	 * window; empty when it may go on.
	 */
	public Mono<Duration> blockedFor(String bucket, String subject, int max, Duration window) {
		return this.db
			.sql("""
					SELECT CEIL(EXTRACT(EPOCH FROM (occurred_at + make_interval(secs => :window) - now())) * 1000) AS wait_ms
					FROM rate_limit_events
					WHERE bucket = :bucket AND subject = :subject
					  AND occurred_at > now() - make_interval(secs => :window)
					ORDER BY occurred_at DESC
					OFFSET :skip LIMIT 1
					""")
			.bind("bucket", bucket)
			.bind("subject", subject)
			.bind("window", (double) window.toSeconds())
			.bind("skip", max - 1)
			.map((row) -> Duration.ofMillis(row.get("wait_ms", Number.class).longValue()))
			.one();
	}

	public Mono<Void> record(String bucket, String subject) {
		return this.db.sql("INSERT INTO rate_limit_events (bucket, subject) VALUES (:bucket, :subject)")
			.bind("bucket", bucket)
			.bind("subject", subject)
			.then();
	}

	/**
	 * Records an event unless the subject is already at {@code max}; answers the wait
	 * when it is (and records nothing then).
	 */
	public Mono<Duration> acquire(String bucket, String subject, int max, Duration window) {
		return blockedFor(bucket, subject, max, window).switchIfEmpty(record(bucket, subject).then(Mono.empty()));
	}

	public Mono<Void> clear(String bucket, String subject) {
		return this.db.sql("DELETE FROM rate_limit_events WHERE bucket = :bucket AND subject = :subject")
			.bind("bucket", bucket)
			.bind("subject", subject)
			.then();
	}

	/** Forgets events older than {@code age}; returns how many went. */
	public Mono<Long> purgeOlderThan(Duration age) {
		return this.db.sql("DELETE FROM rate_limit_events WHERE occurred_at < now() - make_interval(secs => :age)")
			.bind("age", (double) age.toSeconds())
			.fetch()
			.rowsUpdated();
	}

}

package io.parley.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Access tokens whose signature and claims were checked already, so a client's next
 * requests with the same token skip the check: a token's text alone decides whether it is
 * valid, except for its expiry, which is checked on every use. Bounded: when full it
 * starts over (a cleared entry only costs one more full check).
 */
final class VerifiedTokens {

	private final int capacity;

	private final Map<String, AccessTokens.Verified> entries = new ConcurrentHashMap<>();

	VerifiedTokens(int capacity) {
		this.capacity = capacity;
	}

	/** What the token was verified as, if it was and has not expired by {@code now}. */
	AccessTokens.@Nullable Verified get(String token, Instant now) {
		AccessTokens.Verified verified = this.entries.get(token);
		if (verified == null) {
			return null;
		}
		if (!verified.expiresAt().isAfter(now)) {
			this.entries.remove(token);
			return null;
		}
		return verified;
	}

	void put(String token, AccessTokens.Verified verified) {
		if (this.entries.size() >= this.capacity) {
			this.entries.clear();
		}
		this.entries.put(token, verified);
	}

	int size() {
		return this.entries.size();
	}

}

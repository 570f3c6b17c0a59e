package io.parley.auth;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane). Hashing is deliberately slow,
 * so it runs on its own small pool, never on an event loop; checking a login for an
 * unknown user costs the same as for a known one.
 */
@Component
class PasswordHasher implements DisposableBean {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private static final int PARALLELISM = 1;

	private static final int MEMORY_KIB = 19 * 1024;

	private static final int ITERATIONS = 2;

	private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM,
			MEMORY_KIB, ITERATIONS);

	private final Scheduler pool = Schedulers.newBoundedElastic(Math.max(2, Runtime.getRuntime().availableProcessors()),
			10_000, "password-hash");

	private final String decoy = this.encoder.encode(Tokens.random());

	Mono<String> hash(String password) {
		return Mono.fromCallable(() -> this.encoder.encode(password)).subscribeOn(this.pool);
	}

	/** False for a missing hash too, after the same amount of work. */
	Mono<Boolean> matches(String password, @Nullable String hash) {
		return Mono.fromCallable(() -> {
			boolean matches = this.encoder.matches(password, (hash != null) ? hash : this.decoy);
			return matches && hash != null;
		}).subscribeOn(this.pool);
	}

	@Override
	public void destroy() {
		this.pool.dispose();
	}

}

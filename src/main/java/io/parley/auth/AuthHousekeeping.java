package io.parley.auth;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.parley.web.RateLimiter;

/**
 * Every ten minutes, forgets what no rule looks at any more: expired WebSocket tokens,
 * long-expired sessions and day-old rate-limit events.
 */
@Component
class AuthHousekeeping implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuthHousekeeping.class);

	private static final Duration PERIOD = Duration.ofMinutes(10);

	private final SessionStore sessions;

	private final RateLimiter limits;

	private volatile Disposable task;

	AuthHousekeeping(SessionStore sessions, RateLimiter limits) {
		this.sessions = sessions;
		this.limits = limits;
	}

	@Override
	public void start() {
		this.task = Flux.interval(PERIOD, PERIOD)
			.concatMap((tick) -> this.sessions.purgeExpired()
				.zipWith(this.limits.purgeOlderThan(Duration.ofDays(1)), Long::sum)
				.doOnNext((removed) -> log.debug("Housekeeping removed {} expired rows", removed))
				.onErrorResume((ex) -> {
					log.warn("Housekeeping failed: {}", ex.toString());
					return reactor.core.publisher.Mono.empty();
				}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.task;
		if (running != null) {
			running.dispose();
		}
		this.task = null;
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

}

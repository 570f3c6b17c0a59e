package io.parley.realtime.bus;

import io.lettuce.core.RedisConnectionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Redis named by {@code PARLEY_REDIS_URL} cannot be reached at start-up: say so in two
 * lines an operator can act on, instead of a page of bean-creation stack trace.
 */
class RedisUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<RedisConnectionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisConnectionException cause) {
		return new FailureAnalysis("Parley could not connect to Redis (PARLEY_REDIS_URL): " + cause.getMessage(),
				"Start Redis or correct PARLEY_REDIS_URL; leave it unset to run a single instance "
						+ "with the in-process bus.",
				cause);
	}

}

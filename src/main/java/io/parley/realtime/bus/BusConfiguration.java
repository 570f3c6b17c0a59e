package io.parley.realtime.bus;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Chooses the bus: Redis pub/sub when {@code PARLEY_REDIS_URL} is set, else in-process
 * (one instance only). The Redis bus takes the connection factory as a dependency, so it
 * is closed before the factory.
 */
@Configuration(proxyBeanMethods = false)
class BusConfiguration {

	/** True when {@code parley.redis.url} is set and not blank. */
	static final String REDIS_CONFIGURED = "'${parley.redis.url:}'.trim() != ''";

	@Bean
	@ConditionalOnExpression(REDIS_CONFIGURED)
	MessageBus redisMessageBus(LettuceConnectionFactory connections) {
		return new RedisMessageBus(connections);
	}

	@Bean
	@ConditionalOnMissingBean(MessageBus.class)
	MessageBus inProcessMessageBus() {
		return new InProcessMessageBus();
	}

}

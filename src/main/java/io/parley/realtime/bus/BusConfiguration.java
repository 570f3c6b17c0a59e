package io.parley.realtime.bus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Chooses the bus: Redis pub/sub when {@code PARLEY_REDIS_URL} is set, else in-process
 * (one instance only).
 */
@Configuration(proxyBeanMethods = false)
class BusConfiguration {

	@Bean
	MessageBus messageBus(BusProperties properties, ObjectProvider<ReactiveRedisConnectionFactory> redis) {
		return properties.redis() ? new RedisMessageBus(redis.getObject()) : new InProcessMessageBus();
	}

}

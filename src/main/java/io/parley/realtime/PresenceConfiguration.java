package io.parley.realtime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.parley.realtime.bus.BusProperties;

/**
 * Presence lives in Redis when the cluster has Redis, else in this instance.
 */
@Configuration(proxyBeanMethods = false)
class PresenceConfiguration {

	@Bean
	PresenceStore presenceStore(BusProperties bus, ObjectProvider<ReactiveStringRedisTemplate> redis) {
		return bus.redis() ? new RedisPresenceStore(redis.getObject()) : new LocalPresenceStore();
	}

}

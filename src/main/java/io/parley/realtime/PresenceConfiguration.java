package io.parley.realtime;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Presence lives in Redis when the cluster has Redis, else in this instance.
 */
@Configuration(proxyBeanMethods = false)
class PresenceConfiguration {

	@Bean
	@ConditionalOnExpression("'${parley.redis.url:}'.trim() != ''")
	PresenceStore redisPresenceStore(ReactiveStringRedisTemplate redis) {
		return new RedisPresenceStore(redis);
	}

	@Bean
	@ConditionalOnMissingBean(PresenceStore.class)
	PresenceStore localPresenceStore() {
		return new LocalPresenceStore();
	}

}

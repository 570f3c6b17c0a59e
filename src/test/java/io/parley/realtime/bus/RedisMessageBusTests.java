package io.parley.realtime.bus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.lettuce.core.resource.DefaultClientResources;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.parley.support.EmbeddedRedis;

class RedisMessageBusTests extends MessageBusContract {

	private static EmbeddedRedis redis;

	private static LettuceConnectionFactory connections;

	private static RedisMessageBus bus;

	@BeforeAll
	static void startRedis() {
		redis = EmbeddedRedis.start();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
				LettuceClientConfiguration.builder().clientResources(DefaultClientResources.create()).build());
		connections.afterPropertiesSet();
		connections.start();
		bus = new RedisMessageBus(connections);
	}

	@AfterAll
	static void stopRedis() {
		bus.destroy();
		connections.destroy();
		redis.stop();
	}

	@Override
	protected MessageBus bus() {
		return bus;
	}

}

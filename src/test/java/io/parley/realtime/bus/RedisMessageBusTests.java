package io.parley.realtime.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import io.lettuce.core.resource.DefaultClientResources;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.parley.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RedisMessageBusTests extends MessageBusContract {

	private static EmbeddedRedis redis;

	private static LettuceConnectionFactory connections;

	private static final Duration WAIT = Duration.ofSeconds(10);

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

	@Test
	void payloadsPublishedTogetherGoToRedisOnlyOnceTheWorkReturnsEvenIfItFails() throws Exception {
		String topic = "together-" + System.nanoTime();
		List<String> received = new CopyOnWriteArrayList<>();
		Disposable subscription = bus.subscribe(topic)
			.block(WAIT)
			.subscribe((payload) -> received.add(new String(payload, StandardCharsets.UTF_8)));
		try {
			assertThatIllegalStateException().isThrownBy(() -> bus.publishingTogether(() -> {
				CompletableFuture<Void> one = bus.publish(topic, "one".getBytes(StandardCharsets.UTF_8)).toFuture();
				bus.publish(topic, "two".getBytes(StandardCharsets.UTF_8)).subscribe();
				sleep(Duration.ofMillis(300));
				assertThat(one).as("answered while the work still runs").isNotDone();
				assertThat(received).as("delivered while the work still runs").isEmpty();
				throw new IllegalStateException("the work fails after publishing");
			}));
			Awaitility.await().atMost(WAIT).until(() -> received.size() == 2);
			assertThat(received).containsExactly("one", "two");
		}
		finally {
			subscription.dispose();
		}
	}

	@Test
	void aLongWorkHandsOverEveryMaxGatheredPublishes() {
		String topic = "together-many-" + System.nanoTime();
		List<String> received = new CopyOnWriteArrayList<>();
		Disposable subscription = bus.subscribe(topic)
			.block(WAIT)
			.subscribe((payload) -> received.add(new String(payload, StandardCharsets.UTF_8)));
		List<String> sent = IntStream.rangeClosed(1, GatheredPublishes.MAX_GATHERED + 1)
			.mapToObj(Integer::toString)
			.toList();
		try {
			bus.publishingTogether(() -> {
				sent.forEach((payload) -> bus.publish(topic, payload.getBytes(StandardCharsets.UTF_8)).subscribe());
				Awaitility.await().atMost(WAIT).until(() -> received.size() >= GatheredPublishes.MAX_GATHERED);
				sleep(Duration.ofMillis(300));
				assertThat(received).as("the first %d, while the work still runs", GatheredPublishes.MAX_GATHERED)
					.containsExactlyElementsOf(sent.subList(0, GatheredPublishes.MAX_GATHERED));
			});
			Awaitility.await().atMost(WAIT).until(() -> received.size() == sent.size());
			assertThat(received).containsExactlyElementsOf(sent);
		}
		finally {
			subscription.dispose();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	protected MessageBus bus() {
		return bus;
	}

}

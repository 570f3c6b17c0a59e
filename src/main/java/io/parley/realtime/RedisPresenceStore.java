package io.parley.realtime;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Presence in Redis: per user a sorted set of the instances holding a socket of theirs,
 * scored by when the claim expires. Instances renew their claims; a crashed instance's
 * claims lapse by themselves, so nobody stays online forever.
 */
final class RedisPresenceStore implements PresenceStore {

	static final Duration CLAIM = Duration.ofSeconds(60);

	private final ReactiveStringRedisTemplate redis;

	private final String instance = UUID.randomUUID().toString();

	RedisPresenceStore(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	private static String key(long userId) {
		return "parley:presence:" + userId;
	}

	@Override
	public Mono<Boolean> connected(long userId) {
		return claim(userId).then(liveClaims(userId)).map((claims) -> claims == 1);
	}

	@Override
	public Mono<Boolean> disconnected(long userId) {
		return this.redis.opsForZSet()
			.remove(key(userId), this.instance)
			.then(liveClaims(userId))
			.map((claims) -> claims == 0);
	}

	@Override
	public Mono<Set<Long>> online(Collection<Long> userIds) {
		return Flux.fromIterable(userIds)
			.flatMap((userId) -> liveClaims(userId).filter((claims) -> claims > 0).map((claims) -> userId), 32)
			.collect(Collectors.toSet());
	}

	@Override
	public Mono<Void> refresh(Collection<Long> localUserIds) {
		return Flux.fromIterable(localUserIds).flatMap(this::claim, 32).then();
	}

	private Mono<Boolean> claim(long userId) {
		double expiresAt = System.currentTimeMillis() + CLAIM.toMillis();
		return this.redis.opsForZSet()
			.add(key(userId), this.instance, expiresAt)
			.then(this.redis.expire(key(userId), CLAIM.multipliedBy(2)));
	}

	private Mono<Long> liveClaims(long userId) {
		return this.redis.opsForZSet()
			.count(key(userId), Range.closed((double) System.currentTimeMillis(), Double.MAX_VALUE));
	}

}

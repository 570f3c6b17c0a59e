package io.parley.realtime;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

/**
 * Presence of a single instance: online is having a socket here.
 */
final class LocalPresenceStore implements PresenceStore {

	private final Set<Long> online = ConcurrentHashMap.newKeySet();

	@Override
	public Mono<Boolean> connected(long userId) {
		return Mono.fromSupplier(() -> this.online.add(userId));
	}

	@Override
	public Mono<Boolean> disconnected(long userId) {
		return Mono.fromSupplier(() -> this.online.remove(userId));
	}

	@Override
	public Mono<Set<Long>> online(Collection<Long> userIds) {
		return Mono.fromSupplier(() -> userIds.stream().filter(this.online::contains).collect(Collectors.toSet()));
	}

	@Override
	public Mono<Void> refresh(Collection<Long> localUserIds) {
		return Mono.empty();
	}

}

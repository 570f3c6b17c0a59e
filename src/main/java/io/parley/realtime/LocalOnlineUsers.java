package io.parley.realtime;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.parley.room.OnlineUsers;

/**
 * Who is online, as far as this instance knows: users with at least one socket here.
 * Presence across instances (Redis keys with expiry) is the next step.
 */
@Component
class LocalOnlineUsers implements OnlineUsers {

	private final ConnectionRegistry registry;

	LocalOnlineUsers(ConnectionRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Mono<Set<Long>> online(Collection<Long> userIds) {
		return Mono.just(userIds.stream().filter(this.registry::isOnline).collect(Collectors.toSet()));
	}

}

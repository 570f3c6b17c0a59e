package io.parley.realtime;

import java.util.Collection;
import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * Who is online across the cluster: a user is online while at least one instance holds a
 * socket of theirs. Instances report their users' first and last sockets; the store says
 * when that changes the cluster-wide answer.
 */
interface PresenceStore {

	/**
	 * This instance has its first socket of the user; true if the user just came online.
	 */
	Mono<Boolean> connected(long userId);

	/**
	 * This instance closed its last socket of the user; true if the user just went
	 * offline.
	 */
	Mono<Boolean> disconnected(long userId);

	Mono<Set<Long>> online(Collection<Long> userIds);

	/** Keeps this instance's claims alive (stores whose claims expire need it). */
	Mono<Void> refresh(Collection<Long> localUserIds);

}

package io.parley.room;

import java.util.Collection;
import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * Which users are online (have at least one open connection on any instance). Implemented
 * by the realtime feature; while no bean exists, every member is listed offline.
 */
public interface OnlineUsers {

	/** The subset of {@code userIds} that is online now. */
	Mono<Set<Long>> online(Collection<Long> userIds);

}

package io.parley.room;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a room view needs from the messages of its rooms: the newest message and how many
 * messages of others the caller has not read. Implemented by the message feature (which
 * depends on rooms, not the other way round), in one query for any number of rooms.
 */
public interface RoomActivity {

	Mono<Map<Long, Summary>> summaries(long userId, Collection<Long> roomIds);

	/**
	 * @param lastMessage the API's {@code Message} object of the newest message, or null
	 * @param unreadCount messages of others after the caller's read marker
	 */
	record Summary(@Nullable Object lastMessage, long unreadCount) {
	}

}

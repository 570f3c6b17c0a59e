package io.parley.message;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.parley.room.RoomActivity;

/**
 * Gives room views their last message and unread count, in one query for all rooms.
 */
@Component
class MessageRoomActivity implements RoomActivity {

	private final MessageRepository messages;

	MessageRoomActivity(MessageRepository messages) {
		this.messages = messages;
	}

	@Override
	public Mono<Map<Long, Summary>> summaries(long userId, Collection<Long> roomIds) {
		if (roomIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.messages.activity(userId, roomIds)
			.collect(HashMap::new, (map, activity) -> map.put(activity.roomId(),
					new Summary(activity.lastMessage(), activity.unreadCount())));
	}

}

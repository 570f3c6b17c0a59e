package io.parley.room;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import io.parley.web.Page;

/**
 * Builds {@code Room} views from listings, which carry the last message and unread count
 * of the caller's own rooms (see {@link RoomActivity}): a room, or a page of them, costs
 * one query.
 */
@Service
public class RoomViews {

	private final RoomRepository rooms;

	RoomViews(RoomRepository rooms) {
		this.rooms = rooms;
	}

	/**
	 * The room as {@code userId} sees it; 404 {@code room_not_found} for a private room
	 * they are not in (as for the READY frame of a socket).
	 */
	public Mono<RoomView> view(long roomId, long userId) {
		return this.rooms.listing(roomId, userId)
			.filter((listing) -> listing.myRole() != null || listing.room().isPublic())
			.switchIfEmpty(Mono.error(() -> RoomErrors.roomNotFound(roomId)))
			.map(RoomView::of);
	}

	Mono<Page<RoomView>> inbox(long userId, @Nullable Cursor cursor, int limit) {
		return this.rooms.inbox(userId, cursor, limit + 1)
			.collectList()
			.map((rows) -> Page.of(rows, limit, RoomView::of,
					(last) -> Cursor.of(last.lastActivityAt(), last.room().id())));
	}

	Mono<Page<RoomView>> discover(long userId, String prefix, @Nullable Cursor cursor, int limit) {
		return this.rooms.discover(userId, prefix, cursor, limit + 1)
			.collectList()
			.map((rows) -> Page.of(rows, limit, RoomView::of, (last) -> Cursor.of(last.room().slug())));
	}

}

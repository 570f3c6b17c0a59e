package io.parley.room;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.parley.web.Page;

/**
 * Builds {@code Room} views: listings from SQL plus, for the caller's own rooms, the last
 * message and unread count from {@link RoomActivity} (one call per page, never one per
 * room).
 */
@Service
public class RoomViews {

	private final RoomRepository rooms;

	private final ObjectProvider<RoomActivity> activity;

	RoomViews(RoomRepository rooms, ObjectProvider<RoomActivity> activity) {
		this.rooms = rooms;
		this.activity = activity;
	}

	/**
	 * The room as {@code userId} sees it; 404 {@code room_not_found} for a private room
	 * they are not in (as for the READY frame of a socket).
	 */
	public Mono<RoomView> view(long roomId, long userId) {
		return this.rooms.listing(roomId, userId)
			.filter((listing) -> listing.myRole() != null || listing.room().isPublic())
			.switchIfEmpty(Mono.error(() -> RoomErrors.roomNotFound(roomId)))
			.flatMap((listing) -> views(userId, List.of(listing)))
			.map((views) -> views.get(0));
	}

	Mono<Page<RoomView>> inbox(long userId, @Nullable Cursor cursor, int limit) {
		return this.rooms.inbox(userId, cursor, limit + 1)
			.collectList()
			.map((rows) -> Page.of(rows, limit, (listing) -> listing,
					(last) -> Cursor.of(last.lastActivityAt(), last.room().id())))
			.flatMap((page) -> page(userId, page));
	}

	Mono<Page<RoomView>> discover(long userId, String prefix, @Nullable Cursor cursor, int limit) {
		return this.rooms.discover(userId, prefix, cursor, limit + 1)
			.collectList()
			.map((rows) -> Page.of(rows, limit, (listing) -> listing, (last) -> Cursor.of(last.room().slug())))
			.flatMap((page) -> page(userId, page));
	}

	private Mono<Page<RoomView>> page(long userId, Page<RoomListing> page) {
		return views(userId, page.items()).map((views) -> new Page<>(views, page.nextCursor()));
	}

	private Mono<List<RoomView>> views(long userId, List<RoomListing> listings) {
		List<Long> mine = listings.stream()
			.filter((listing) -> listing.myRole() != null)
			.map((listing) -> listing.room().id())
			.toList();
		RoomActivity source = this.activity.getIfAvailable();
		Mono<Map<Long, RoomActivity.Summary>> summaries = (source == null || mine.isEmpty()) ? Mono.just(Map.of())
				: source.summaries(userId, mine).defaultIfEmpty(Map.of());
		return summaries.map((byRoom) -> listings.stream()
			.map((listing) -> RoomView.of(listing, byRoom.get(listing.room().id())))
			.toList());
	}

}

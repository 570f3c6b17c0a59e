package io.parley.room;

import java.net.URI;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.parley.room.RoomRequests.JoinBody;
import io.parley.room.RoomRequests.NewRoomBody;
import io.parley.room.RoomRequests.RoomChange;
import io.parley.web.CurrentUser;
import io.parley.web.FieldChecks;
import io.parley.web.Page;
import io.parley.web.PathIds;
import io.parley.web.RequestBodies;
import io.parley.web.Text;

/**
 * HTTP adapter for the rooms themselves: {@code /api/rooms}, discovery, join and leave.
 */
@Component
class RoomHandler {

	static final int MAX_QUERY = 100;

	private final RoomService rooms;

	private final RoomViews views;

	RoomHandler(RoomService rooms, RoomViews views) {
		this.rooms = rooms;
		this.views = views;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return CurrentUser.of(request)
			.zipWith(RequestBodies.read(request, NewRoomBody.class))
			.flatMap((both) -> this.rooms.create(both.getT1().userId(), both.getT2().validated()))
			.flatMap((room) -> ServerResponse.created(URI.create("/api/rooms/" + room.id())).bodyValue(room));
	}

	Mono<ServerResponse> inbox(ServerRequest request) {
		int limit = Page.limit(request);
		Cursor cursor = Cursor.from(request, 2);
		return CurrentUser.of(request)
			.flatMap((caller) -> this.views.inbox(caller.userId(), cursor, limit))
			.flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	/** An absent or blank {@code q} lists every public room. */
	Mono<ServerResponse> discover(ServerRequest request) {
		int limit = Page.limit(request);
		Cursor cursor = Cursor.from(request, 1);
		String q = request.queryParam("q").orElse("").strip();
		new FieldChecks().check(Text.length(q) <= MAX_QUERY, "q", "must be at most " + MAX_QUERY + " characters")
			.check(Text.plain(q), "q", "must not contain control characters, NUL or unpaired surrogates")
			.throwIfAny();
		String prefix = likeEscaped(q.toLowerCase(Locale.ROOT));
		return CurrentUser.of(request)
			.flatMap((caller) -> this.views.discover(caller.userId(), prefix, cursor, limit))
			.flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.views.view(roomId, caller.userId()))
			.flatMap((room) -> ServerResponse.ok().bodyValue(room));
	}

	Mono<ServerResponse> change(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		return CurrentUser.of(request)
			.zipWith(RequestBodies.read(request, RoomChange.class))
			.flatMap((both) -> this.rooms.change(roomId, both.getT1().userId(), both.getT2().validated()))
			.flatMap((room) -> ServerResponse.ok().bodyValue(room));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.rooms.delete(roomId, caller.userId()))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> join(ServerRequest request) {
		return CurrentUser.of(request)
			.zipWith(RequestBodies.read(request, JoinBody.class))
			.flatMap((both) -> this.rooms.join(both.getT2().validated(), both.getT1().userId()))
			.flatMap((room) -> ServerResponse.ok().bodyValue(room));
	}

	Mono<ServerResponse> leave(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.rooms.leave(roomId, caller.userId()))
			.then(ServerResponse.noContent().build());
	}

	/** {@code q} as a literal LIKE prefix: its wildcards and escapes match themselves. */
	private static String likeEscaped(String q) {
		return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}

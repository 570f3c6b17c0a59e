package io.parley.room;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.parley.room.RoomRequests.RoleBody;
import io.parley.web.CurrentUser;
import io.parley.web.Page;
import io.parley.web.PathIds;
import io.parley.web.RequestBodies;

/**
 * HTTP adapter for {@code /api/rooms/{id}/members}.
 */
@Component
class MemberHandler {

	private final MemberService members;

	MemberHandler(MemberService members) {
		this.members = members;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		int limit = Page.limit(request);
		Cursor cursor = Cursor.from(request, 2);
		return CurrentUser.of(request)
			.flatMap((caller) -> this.members.list(roomId, caller.userId(), cursor, limit))
			.flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	Mono<ServerResponse> changeRole(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		long targetId = PathIds.of(request, "userId");
		return CurrentUser.of(request)
			.zipWith(RequestBodies.read(request, RoleBody.class))
			.flatMap((both) -> this.members.changeRole(roomId, both.getT1().userId(), targetId,
					both.getT2().validated()))
			.flatMap((member) -> ServerResponse.ok().bodyValue(member));
	}

	Mono<ServerResponse> kick(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		long targetId = PathIds.of(request, "userId");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.members.kick(roomId, caller.userId(), targetId))
			.then(ServerResponse.noContent().build());
	}

}

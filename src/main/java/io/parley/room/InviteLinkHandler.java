package io.parley.room;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.parley.room.RoomRequests.InviteLinkBody;
import io.parley.web.CurrentUser;
import io.parley.web.Page;
import io.parley.web.PathIds;
import io.parley.web.RequestBodies;

/**
 * HTTP adapter for {@code /api/rooms/{id}/invite-links} and
 * {@code /api/invite-links/{code}/join}.
 */
@Component
class InviteLinkHandler {

	private final InviteLinkService links;

	InviteLinkHandler(InviteLinkService links) {
		this.links = links;
	}

	/** Both fields are optional, so the body may be left out altogether. */
	Mono<ServerResponse> create(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		Mono<InviteLinkBody> body = request.headers().contentType().isPresent()
				? RequestBodies.read(request, InviteLinkBody.class) : Mono.just(InviteLinkBody.UNLIMITED);
		return CurrentUser.of(request)
			.zipWith(body)
			.flatMap((both) -> this.links.create(roomId, both.getT1().userId(), both.getT2().validated()))
			.flatMap((link) -> ServerResponse
				.created(URI.create("/api/rooms/" + roomId + "/invite-links/" + link.code()))
				.bodyValue(link));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		int limit = Page.limit(request);
		Cursor cursor = Cursor.from(request, 2);
		return CurrentUser.of(request)
			.flatMap((caller) -> this.links.list(roomId, caller.userId(), cursor, limit))
			.flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	Mono<ServerResponse> revoke(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		String code = request.pathVariable("code");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.links.revoke(roomId, caller.userId(), code))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> join(ServerRequest request) {
		String code = request.pathVariable("code");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.links.join(code, caller.userId()))
			.flatMap((room) -> ServerResponse.ok().bodyValue(room));
	}

}

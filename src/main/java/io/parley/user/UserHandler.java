package io.parley.user;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.parley.web.CurrentUser;
import io.parley.web.FieldChecks;
import io.parley.web.PathIds;
import io.parley.web.RequestBodies;

/**
 * HTTP adapter for the user endpoints.
 */
@Component
class UserHandler {

	static final int MAX_DISPLAY_NAME = 64;

	private final UserRepository users;

	UserHandler(UserRepository users) {
		this.users = users;
	}

	Mono<ServerResponse> getMe(ServerRequest request) {
		return CurrentUser.of(request)
			.flatMap((caller) -> this.users.findById(caller.userId()))
			.flatMap((user) -> ServerResponse.ok().bodyValue(UserSelf.of(user)));
	}

	Mono<ServerResponse> patchMe(ServerRequest request) {
		return CurrentUser.of(request).zipWith(RequestBodies.read(request, ProfileChange.class)).flatMap((both) -> {
			ProfileChange change = both.getT2().validated();
			if (change.avatarAttachmentId() != null) {
				return Mono.error(UserErrors.attachmentNotFound());
			}
			return this.users.updateProfile(both.getT1().userId(), change.displayName(), change.discoverable());
		}).flatMap((user) -> ServerResponse.ok().bodyValue(UserSelf.of(user)));
	}

	Mono<ServerResponse> getUser(ServerRequest request) {
		long id = PathIds.of(request, "id");
		return this.users.findById(id)
			.switchIfEmpty(Mono.error(() -> UserErrors.userNotFound(id)))
			.flatMap((user) -> ServerResponse.ok().bodyValue(UserPublic.of(user)));
	}

	/** The body of {@code PATCH /api/users/me}; absent fields stay as they are. */
	record ProfileChange(@Nullable String displayName, @Nullable Boolean discoverable,
			@Nullable Long avatarAttachmentId) {

		ProfileChange validated() {
			String trimmed = (this.displayName != null) ? this.displayName.strip() : null;
			new FieldChecks().checkLength("displayName", trimmed, 1, MAX_DISPLAY_NAME).throwIfAny();
			return new ProfileChange(trimmed, this.discoverable, this.avatarAttachmentId);
		}

	}

}

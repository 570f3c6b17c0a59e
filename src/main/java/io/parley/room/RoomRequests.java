package io.parley.room;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.parley.web.FieldChecks;

/**
 * The request bodies of the room endpoints and their field rules. Each {@code validated}
 * method throws {@code validation_failed} naming every bad field, or returns the
 * normalised request.
 */
final class RoomRequests {

	static final int MAX_NAME = 100;

	static final Set<String> VISIBILITIES = Set.of("public", "private");

	/** One year: a link that should outlive that should not expire at all. */
	static final long MAX_EXPIRES_IN_SECONDS = 365L * 24 * 60 * 60;

	static final int MAX_USES = 1_000_000;

	private RoomRequests() {
	}

	/** {@code POST /api/rooms}. */
	record NewRoomBody(@Nullable String name, @Nullable String slug, @Nullable String visibility) {

		NewRoom validated() {
			FieldChecks checks = new FieldChecks();
			String name = checkName(checks, this.name, true);
			checks.check(this.slug == null || Slugs.VALID.matcher(this.slug).matches(), "slug",
					"must be 3 to 64 of a-z, 0-9 and '-'");
			checkVisibility(checks, this.visibility);
			checks.throwIfAny();
			return new NewRoom(name, this.slug, (this.visibility != null) ? this.visibility : "private");
		}

	}

	/** A room to create; a null slug is made from the name. */
	record NewRoom(String name, @Nullable String slug, String visibility) {
	}

	/** {@code PATCH /api/rooms/{id}}: absent fields stay as they are. */
	record RoomChange(@Nullable String name, @Nullable String visibility) {

		RoomChange validated() {
			FieldChecks checks = new FieldChecks();
			String name = checkName(checks, this.name, false);
			checkVisibility(checks, this.visibility);
			checks.throwIfAny();
			return new RoomChange(name, this.visibility);
		}

	}

	/** {@code POST /api/rooms/join}. */
	record JoinBody(@Nullable String slug) {

		String validated() {
			new FieldChecks().check(this.slug != null && !this.slug.isBlank(), "slug", "is required").throwIfAny();
			return this.slug.strip();
		}

	}

	/** {@code PATCH /api/rooms/{id}/members/{userId}}. */
	record RoleBody(@Nullable String role) {

		Role validated() {
			new FieldChecks()
				.check(this.role != null && Set.of("owner", "admin", "member").contains(this.role), "role",
						"must be \"owner\", \"admin\" or \"member\"")
				.throwIfAny();
			return Role.fromWire(this.role);
		}

	}

	/** {@code POST /api/rooms/{id}/invite-links}: absent fields mean no limit. */
	record InviteLinkBody(@Nullable Long expiresInSeconds, @Nullable Integer maxUses) {

		static final InviteLinkBody UNLIMITED = new InviteLinkBody(null, null);

		InviteLinkBody validated() {
			new FieldChecks()
				.check(this.expiresInSeconds == null
						|| (this.expiresInSeconds >= 1 && this.expiresInSeconds <= MAX_EXPIRES_IN_SECONDS),
						"expiresInSeconds", "must be 1 to " + MAX_EXPIRES_IN_SECONDS)
				.check(this.maxUses == null || (this.maxUses >= 1 && this.maxUses <= MAX_USES), "maxUses",
						"must be 1 to " + MAX_USES)
				.throwIfAny();
			return this;
		}

	}

	private static @Nullable String checkName(FieldChecks checks, @Nullable String name, boolean required) {
		if (name == null) {
			checks.check(!required, "name", "is required");
			return null;
		}
		String trimmed = name.strip();
		checks.checkLength("name", trimmed, 1, MAX_NAME);
		return trimmed;
	}

	private static void checkVisibility(FieldChecks checks, @Nullable String visibility) {
		checks.check(visibility == null || VISIBILITIES.contains(visibility), "visibility",
				"must be \"public\" or \"private\"");
	}

}

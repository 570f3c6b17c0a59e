package io.parley.room;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.room.RoomsApi.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

class RoomIntegrationTests extends IntegrationTest {

	private RoomsApi rooms;

	@BeforeEach
	void setUp() {
		this.rooms = new RoomsApi(this.http);
	}

	@Test
	void createThenCreatorOwnsAPrivateRoom() {
		AppSession alice = this.accounts.newUser("alice");
		this.rooms.create(alice, Map.of("name", "  Book club  "))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/rooms/\\d+")
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("group")
			.jsonPath("$.name")
			.isEqualTo("Book club")
			.jsonPath("$.visibility")
			.isEqualTo("private")
			.jsonPath("$.myRole")
			.isEqualTo("owner")
			.jsonPath("$.memberCount")
			.isEqualTo(1)
			.jsonPath("$.unreadCount")
			.isEqualTo(0)
			.jsonPath("$.lastReadSeq")
			.isEqualTo(0)
			.jsonPath("$.lastSeq")
			.isEqualTo(0)
			.jsonPath("$.lastMessage")
			.isEmpty()
			.jsonPath("$.createdAt")
			.value((String createdAt) -> assertThat(createdAt).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}\\.\\d{3}Z"));
	}

	@Test
	void createWithoutSlugThenSlugIsMadeFromNameWithSuffixOnCollision() {
		AppSession alice = this.accounts.newUser("alice");
		String name = "Café  Talk! " + Accounts.uniqueName("x").replace('_', ' ');
		String base = Slugs.fromName(name);
		assertThat(base).startsWith("cafe-talk-x-").matches("[a-z0-9-]+").doesNotEndWith("-");
		assertThat(slugOf(alice, name)).isEqualTo(base);
		assertThat(slugOf(alice, name)).isEqualTo(base + "-2");
		assertThat(slugOf(alice, name)).isEqualTo(base + "-3");
	}

	@Test
	void createWithShortOrSymbolNameThenSlugIsPadded() {
		AppSession alice = this.accounts.newUser("alice");
		assertThat(slugOf(alice, "Q")).matches("q-room(-\\d+)?");
		assertThat(slugOf(alice, "!!!")).matches("room(-\\d+)?");
	}

	@Test
	void createWithTakenSlugThenSlugTaken() {
		AppSession alice = this.accounts.newUser("alice");
		String slug = Accounts.uniqueName("taken").replace('_', '-');
		this.rooms.create(alice, Map.of("name", "First", "slug", slug)).expectStatus().isCreated();
		this.rooms.create(alice, Map.of("name", "Second", "slug", slug))
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("slug_taken");
	}

	@Test
	void createWhenFieldsBreakRulesThenValidationFailedNamingThem() {
		AppSession alice = this.accounts.newUser("alice");
		this.rooms.create(alice, Map.of("name", "   ", "slug", "No", "visibility", "secret"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.errors[*].field")
			.value((Object fields) -> assertThat(fields.toString()).contains("name", "slug", "visibility"));
		this.rooms.create(alice, Map.of("name", "x".repeat(101)))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
		this.rooms.create(alice, Map.of("visibility", "public"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed");
		this.rooms.create(alice, Map.of("name", 5))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_request");
	}

	@Test
	void getWhenPrivateAndNotMemberThenRoomNotFoundEverywhere() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession eve = this.accounts.newUser("eve");
		long roomId = this.rooms.create(alice, "Secret plans", "private");
		expectCode(this.rooms.get(eve, "/api/rooms/" + roomId), 404, "room_not_found");
		expectCode(this.rooms.send(eve, HttpMethod.PATCH, "/api/rooms/" + roomId, Map.of("name", "Mine")), 404,
				"room_not_found");
		expectCode(this.rooms.get(eve, "/api/rooms/" + roomId + "/members"), 404, "room_not_found");
		expectCode(this.rooms.call(eve, HttpMethod.DELETE, "/api/rooms/" + roomId), 404, "room_not_found");
		expectCode(this.rooms.leave(eve, roomId), 404, "room_not_found");
		expectCode(this.rooms.get(eve, "/api/rooms/999999999"), 404, "room_not_found");
	}

	@Test
	void getWhenPublicAndNotMemberThenVisibleWithoutRoleButMembersForbidden() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = this.rooms.create(alice, "Open house", "public");
		this.rooms.get(bob, "/api/rooms/" + roomId)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.myRole")
			.isEmpty()
			.jsonPath("$.unreadCount")
			.isEqualTo(0)
			.jsonPath("$.lastReadSeq")
			.isEqualTo(0)
			.jsonPath("$.memberCount")
			.isEqualTo(1);
		expectCode(this.rooms.get(bob, "/api/rooms/" + roomId + "/members"), 403, "not_a_member");
		expectCode(this.rooms.send(bob, HttpMethod.PATCH, "/api/rooms/" + roomId, Map.of("name", "Mine")), 403,
				"not_a_member");
	}

	@Test
	void patchWhenOwnerOrAdminThenChangedAndWhenMemberThenForbidden() {
		AppSession owner = this.accounts.newUser("owner");
		AppSession admin = this.accounts.newUser("admin");
		AppSession member = this.accounts.newUser("member");
		long roomId = this.rooms.create(owner, "Garden", "public");
		this.rooms.joinPublic(admin, roomId, admin);
		this.rooms.joinPublic(member, roomId, member);
		this.rooms.setRole(owner, roomId, admin.userId(), "admin").expectStatus().isOk();
		String uri = "/api/rooms/" + roomId;

		this.rooms.send(owner, HttpMethod.PATCH, uri, Map.of("name", " Roses "))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Roses")
			.jsonPath("$.visibility")
			.isEqualTo("public");
		this.rooms.send(admin, HttpMethod.PATCH, uri, Map.of("visibility", "private"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.visibility")
			.isEqualTo("private")
			.jsonPath("$.name")
			.isEqualTo("Roses")
			.jsonPath("$.myRole")
			.isEqualTo("admin");
		expectCode(this.rooms.send(member, HttpMethod.PATCH, uri, Map.of("name", "Weeds")), 403, "forbidden");
		expectCode(this.rooms.send(owner, HttpMethod.PATCH, uri, Map.of("visibility", "secret")), 400,
				"validation_failed");
		expectCode(this.rooms.send(owner, HttpMethod.PATCH, uri, Map.of("name", "")), 400, "validation_failed");
	}

	@Test
	void deleteWhenOwnerThenGoneAndWhenAdminThenForbidden() {
		AppSession owner = this.accounts.newUser("owner");
		AppSession admin = this.accounts.newUser("admin");
		long roomId = this.rooms.create(owner, "Short lived", "public");
		this.rooms.joinPublic(admin, roomId, admin);
		this.rooms.setRole(owner, roomId, admin.userId(), "admin").expectStatus().isOk();

		expectCode(this.rooms.call(admin, HttpMethod.DELETE, "/api/rooms/" + roomId), 403, "forbidden");
		this.rooms.call(owner, HttpMethod.DELETE, "/api/rooms/" + roomId).expectStatus().isNoContent();
		expectCode(this.rooms.get(owner, "/api/rooms/" + roomId), 404, "room_not_found");
		expectCode(this.rooms.get(admin, "/api/rooms/" + roomId), 404, "room_not_found");
	}

	@Test
	void joinWhenPublicThenMemberAndJoiningTwiceIsFine() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = this.rooms.create(alice, "Lobby", "public");
		String slug = (String) RoomsApi.body(this.rooms.get(alice, "/api/rooms/" + roomId)).get("slug");
		for (int i = 0; i < 2; i++) {
			this.rooms.join(bob, slug)
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.id")
				.isEqualTo(roomId)
				.jsonPath("$.myRole")
				.isEqualTo("member")
				.jsonPath("$.memberCount")
				.isEqualTo(2);
		}
	}

	@Test
	void joinWhenPrivateThenInviteRequired() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = this.rooms.create(alice, "Inner circle", "private");
		String slug = (String) RoomsApi.body(this.rooms.get(alice, "/api/rooms/" + roomId)).get("slug");
		expectCode(this.rooms.join(bob, slug), 403, "invite_required");
		this.rooms.join(alice, slug).expectStatus().isOk().expectBody().jsonPath("$.myRole").isEqualTo("owner");
	}

	@Test
	void joinWhenSlugUnknownThenRoomNotFoundAndWhenMissingThenValidationFailed() {
		AppSession bob = this.accounts.newUser("bob");
		expectCode(this.rooms.join(bob, "no-such-room-" + System.nanoTime()), 404, "room_not_found");
		expectCode(this.rooms.send(bob, HttpMethod.POST, "/api/rooms/join", Map.of()), 400, "validation_failed");
	}

	@Test
	void leaveWhenOwnerThenLongestStandingAdminInherits() {
		AppSession owner = this.accounts.newUser("owner");
		AppSession member = this.accounts.newUser("member");
		AppSession firstAdmin = this.accounts.newUser("admin1");
		AppSession secondAdmin = this.accounts.newUser("admin2");
		long roomId = this.rooms.create(owner, "Succession", "public");
		for (AppSession user : new AppSession[] { member, firstAdmin, secondAdmin }) {
			this.rooms.joinPublic(user, roomId, user);
		}
		this.rooms.setRole(owner, roomId, secondAdmin.userId(), "admin").expectStatus().isOk();
		this.rooms.setRole(owner, roomId, firstAdmin.userId(), "admin").expectStatus().isOk();

		this.rooms.leave(owner, roomId).expectStatus().isNoContent();
		assertThat(this.rooms.roles(member, roomId)).containsExactlyInAnyOrderEntriesOf(
				Map.of(member.userId(), "member", firstAdmin.userId(), "owner", secondAdmin.userId(), "admin"));
		this.rooms.get(owner, "/api/rooms/" + roomId).expectStatus().isOk().expectBody().jsonPath("$.myRole").isEmpty();
	}

	@Test
	void leaveWhenOwnerWithoutAdminsThenLongestStandingMemberInherits() {
		AppSession owner = this.accounts.newUser("owner");
		AppSession first = this.accounts.newUser("first");
		AppSession second = this.accounts.newUser("second");
		long roomId = this.rooms.create(owner, "Heirs", "public");
		this.rooms.joinPublic(first, roomId, first);
		this.rooms.joinPublic(second, roomId, second);

		this.rooms.leave(owner, roomId).expectStatus().isNoContent();
		assertThat(this.rooms.roles(first, roomId))
			.containsExactlyInAnyOrderEntriesOf(Map.of(first.userId(), "owner", second.userId(), "member"));
	}

	@Test
	void leaveWhenLastMemberThenRoomIsDeleted() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = this.rooms.create(alice, "Solo", "public");
		this.rooms.leave(alice, roomId).expectStatus().isNoContent();
		expectCode(this.rooms.get(alice, "/api/rooms/" + roomId), 404, "room_not_found");
	}

	@Test
	void leaveWhenPublicAndNotMemberThenNotAMember() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = this.rooms.create(alice, "Visible", "public");
		expectCode(this.rooms.leave(bob, roomId), 403, "not_a_member");
	}

	private String slugOf(AppSession as, String name) {
		return (String) RoomsApi.body(this.rooms.create(as, Map.of("name", name)).expectStatus().isCreated())
			.get("slug");
	}

}

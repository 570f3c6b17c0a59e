package io.parley.room;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.HttpMethod;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.room.RoomsApi.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

class MemberIntegrationTests extends IntegrationTest {

	@Autowired
	private ConfigurableApplicationContext context;

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final ApplicationListener<ApplicationEvent> recorder = (event) -> {
		if (event instanceof PayloadApplicationEvent<?> payload) {
			this.events.add(payload.getPayload());
		}
	};

	private RoomsApi rooms;

	private AppSession owner;

	private AppSession admin;

	private AppSession member;

	private AppSession other;

	private long roomId;

	@BeforeEach
	void setUp() {
		this.context.addApplicationListener(this.recorder);
		this.rooms = new RoomsApi(this.http);
		this.owner = this.accounts.newUser("owner");
		this.admin = this.accounts.newUser("admin");
		this.member = this.accounts.newUser("member");
		this.other = this.accounts.newUser("other");
		this.roomId = this.rooms.create(this.owner, "Club", "public");
		for (AppSession user : List.of(this.admin, this.member, this.other)) {
			this.rooms.joinPublic(user, this.roomId, user);
		}
		this.rooms.setRole(this.owner, this.roomId, this.admin.userId(), "admin").expectStatus().isOk();
	}

	@AfterEach
	void tearDown() {
		this.context.removeApplicationListener(this.recorder);
	}

	@Test
	void membersListsUsersWithRolesAndPresence() {
		this.rooms.get(this.member, "/api/rooms/" + this.roomId + "/members")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(4)
			.jsonPath("$.items[0].user.id")
			.isEqualTo(this.owner.userId())
			.jsonPath("$.items[0].user.username")
			.isEqualTo(this.owner.username())
			.jsonPath("$.items[0].role")
			.isEqualTo("owner")
			.jsonPath("$.items[0].online")
			.isEqualTo(false)
			.jsonPath("$.items[0].joinedAt")
			.isNotEmpty()
			.jsonPath("$.items[0].user.email")
			.doesNotExist()
			.jsonPath("$.nextCursor")
			.isEmpty();
		Map<String, Object> page = RoomsApi
			.body(this.rooms.get(this.member, "/api/rooms/" + this.roomId + "/members?limit=3"));
		assertThat((List<?>) page.get("items")).hasSize(3);
		this.rooms.get(this.member, "/api/rooms/" + this.roomId + "/members?cursor=" + page.get("nextCursor"))
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].user.id")
			.isEqualTo(this.other.userId())
			.jsonPath("$.nextCursor")
			.isEmpty();
	}

	@Test
	void roleChangeFollowsTheRolesMatrix() {
		expectCode(this.rooms.setRole(this.member, this.roomId, this.other.userId(), "admin"), 403, "forbidden");
		expectCode(this.rooms.setRole(this.admin, this.roomId, this.owner.userId(), "member"), 403, "forbidden");
		expectCode(this.rooms.setRole(this.admin, this.roomId, this.other.userId(), "owner"), 403, "forbidden");
		this.rooms.setRole(this.admin, this.roomId, this.other.userId(), "admin")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.id")
			.isEqualTo(this.other.userId())
			.jsonPath("$.role")
			.isEqualTo("admin")
			.jsonPath("$.online")
			.isEqualTo(false);
		expectCode(this.rooms.setRole(this.admin, this.roomId, this.other.userId(), "member"), 403, "forbidden");
		this.rooms.setRole(this.owner, this.roomId, this.other.userId(), "member").expectStatus().isOk();
		expectCode(this.rooms.setRole(this.owner, this.roomId, this.owner.userId(), "member"), 403, "forbidden");
		expectCode(this.rooms.setRole(this.owner, this.roomId, this.owner.userId() + 1_000_000, "admin"), 404,
				"user_not_found");
		expectCode(this.rooms.setRole(this.owner, this.roomId, this.member.userId(), "boss"), 400, "validation_failed");
	}

	@Test
	void roleChangeToOwnerTransfersOwnership() {
		this.rooms.setRole(this.owner, this.roomId, this.member.userId(), "owner")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("owner");
		assertThat(this.rooms.roles(this.member, this.roomId)).containsAllEntriesOf(
				Map.of(this.owner.userId(), "admin", this.member.userId(), "owner", this.admin.userId(), "admin"));
		this.rooms.call(this.owner, HttpMethod.DELETE, "/api/rooms/" + this.roomId).expectStatus().isForbidden();
	}

	@Test
	void kickFollowsTheRolesMatrixAndAnnouncesRemoval() {
		expectCode(this.rooms.kick(this.member, this.roomId, this.other.userId()), 403, "forbidden");
		expectCode(this.rooms.kick(this.admin, this.roomId, this.owner.userId()), 403, "forbidden");
		this.rooms.kick(this.admin, this.roomId, this.other.userId()).expectStatus().isNoContent();
		this.rooms.kick(this.owner, this.roomId, this.admin.userId()).expectStatus().isNoContent();
		expectCode(this.rooms.kick(this.owner, this.roomId, this.admin.userId()), 404, "user_not_found");
		expectCode(this.rooms.kick(this.owner, this.roomId, this.owner.userId()), 403, "forbidden");

		assertThat(this.rooms.roles(this.member, this.roomId).keySet()).containsExactlyInAnyOrder(this.owner.userId(),
				this.member.userId());
		assertThat(this.events).contains(new MemberLeft(this.roomId, this.other.userId(), MemberLeft.REMOVED),
				new MemberLeft(this.roomId, this.admin.userId(), MemberLeft.REMOVED));
		expectCode(this.rooms.get(this.other, "/api/rooms/" + this.roomId + "/members"), 403, "not_a_member");
	}

	@Test
	void membershipChangesAreAnnouncedOnce() {
		AppSession late = this.accounts.newUser("late");
		this.rooms.joinPublic(late, this.roomId, late);
		this.rooms.joinPublic(late, this.roomId, late);
		this.rooms.leave(late, this.roomId).expectStatus().isNoContent();
		assertThat(this.events).containsSubsequence(new MemberJoined(this.roomId, late.userId()),
				new MemberLeft(this.roomId, late.userId(), MemberLeft.LEFT));
		assertThat(this.events).filteredOn(new MemberJoined(this.roomId, late.userId())::equals).hasSize(1);

		this.rooms.call(this.owner, HttpMethod.DELETE, "/api/rooms/" + this.roomId).expectStatus().isNoContent();
		assertThat(this.events).filteredOn(RoomDeleted.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((RoomDeleted) event).memberIds()).containsExactlyInAnyOrder(
					this.owner.userId(), this.admin.userId(), this.member.userId(), this.other.userId()));
	}

}

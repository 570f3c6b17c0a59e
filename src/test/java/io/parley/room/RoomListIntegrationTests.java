package io.parley.room;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.room.RoomsApi.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

class RoomListIntegrationTests extends IntegrationTest {

	@Autowired
	private DatabaseClient db;

	private RoomsApi rooms;

	@BeforeEach
	void setUp() {
		this.rooms = new RoomsApi(this.http);
	}

	@Test
	void inboxListsMyRoomsNewestActivityFirst() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long first = this.rooms.create(alice, "First", "private");
		long second = this.rooms.create(alice, "Second", "public");
		long third = this.rooms.create(alice, "Third", "private");
		this.rooms.create(bob, "Not mine", "public");
		assertThat(ids(alice, "/api/rooms")).containsExactly(third, second, first);

		// a new message in the oldest room (as the message feature records it) moves it
		// up
		this.db.sql("UPDATE rooms SET last_activity_at = :at WHERE id = :id")
			.bind("at", Instant.now().plus(1, ChronoUnit.MINUTES))
			.bind("id", first)
			.then()
			.block();
		assertThat(ids(alice, "/api/rooms")).containsExactly(first, third, second);
		this.rooms.get(alice, "/api/rooms")
			.expectBody()
			.jsonPath("$.items[0].myRole")
			.isEqualTo("owner")
			.jsonPath("$.items[0].lastMessage")
			.isEmpty()
			.jsonPath("$.items[0].unreadCount")
			.isEqualTo(0);
	}

	@Test
	void inboxPagesFollowTheCursorAndTheLastPageHasNoCursor() {
		AppSession alice = this.accounts.newUser("alice");
		List<Long> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(0, this.rooms.create(alice, "Room " + i, "private"));
		}
		List<Long> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = RoomsApi
				.body(this.rooms.get(alice, "/api/rooms?limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""))
					.expectStatus()
					.isOk());
			seen.addAll(idsOf(page));
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null);
		assertThat(seen).isEqualTo(created);
		assertThat(pages).isEqualTo(3);

		Map<String, Object> exact = RoomsApi.body(this.rooms.get(alice, "/api/rooms?limit=5").expectStatus().isOk());
		assertThat(idsOf(exact)).hasSize(5);
		assertThat(exact.get("nextCursor")).isNull();
		assertThat(idsOf(RoomsApi.body(this.rooms.get(alice, "/api/rooms?limit=500").expectStatus().isOk())))
			.hasSize(5);
	}

	@Test
	void listWhenLimitOrCursorInvalidThenValidationFailed() {
		AppSession alice = this.accounts.newUser("alice");
		expectCode(this.rooms.get(alice, "/api/rooms?limit=0"), 400, "validation_failed");
		expectCode(this.rooms.get(alice, "/api/rooms?limit=ten"), 400, "validation_failed");
		expectCode(this.rooms.get(alice, "/api/rooms?cursor=bogus"), 400, "validation_failed");
		expectCode(this.rooms.get(alice, "/api/rooms/discover?cursor=" + "x".repeat(10)), 400, "validation_failed");
	}

	@Test
	void discoverWhenQueryHoldsControlCharactersThenValidationFailed() {
		AppSession alice = this.accounts.newUser("alice");
		for (String q : List.of("ab\0", "ab\1", "\177", "a\u0085b")) {
			this.http.get()
				.uri("/api/rooms/discover?q={q}", q)
				.header("Authorization", alice.bearer())
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("validation_failed")
				.jsonPath("$.errors[0].field")
				.isEqualTo("q");
		}
	}

	@Test
	void discoverFindsPublicGroupRoomsByNameOrSlugPrefix() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		String tag = Accounts.uniqueName("zq").replace("_", "");
		long byName = this.rooms.create(alice, tag + " Hikers", "public");
		long bySlug = RoomsApi
			.id(this.rooms.create(alice, Map.of("name", "Climbers", "slug", tag + "-climb", "visibility", "public"))
				.expectStatus()
				.isCreated());
		this.rooms.create(alice, tag + " Hidden", "private");
		this.rooms.joinPublic(bob, bySlug, bob);

		Map<String, Object> found = RoomsApi
			.body(this.rooms.get(bob, "/api/rooms/discover?q=" + tag.toUpperCase()).expectStatus().isOk());
		assertThat(idsOf(found)).containsExactlyInAnyOrder(byName, bySlug);
		assertThat(found.get("nextCursor")).isNull();
		this.rooms.get(bob, "/api/rooms/discover?q=" + tag + "-cl")
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].myRole")
			.isEqualTo("member");

		Map<String, Object> first = RoomsApi
			.body(this.rooms.get(bob, "/api/rooms/discover?limit=1&q=" + tag).expectStatus().isOk());
		assertThat(idsOf(first)).hasSize(1);
		Map<String, Object> second = RoomsApi
			.body(this.rooms.get(bob, "/api/rooms/discover?limit=1&q=" + tag + "&cursor=" + first.get("nextCursor"))
				.expectStatus()
				.isOk());
		assertThat(idsOf(second)).hasSize(1).doesNotContainAnyElementsOf(idsOf(first));
		assertThat(second.get("nextCursor")).isNull();
		this.rooms.get(bob, "/api/rooms/discover?q=" + tag + "%25")
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(0);
	}

	private List<Long> ids(AppSession as, String uri) {
		return idsOf(RoomsApi.body(this.rooms.get(as, uri).expectStatus().isOk()));
	}

	@SuppressWarnings("unchecked")
	private static List<Long> idsOf(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("items")).stream()
			.map((item) -> ((Number) item.get("id")).longValue())
			.toList();
	}

}

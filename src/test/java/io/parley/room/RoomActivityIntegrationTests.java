package io.parley.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import io.parley.support.ApiIntegrationTest;
import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.ParleyApi;
import io.parley.support.TestDatabase;

import static io.parley.support.ParleyApi.body;
import static io.parley.support.ParleyApi.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message activity a {@code Room} shows, {@code lastMessage} and {@code unreadCount},
 * in the inbox, a single room and discovery.
 */
class RoomActivityIntegrationTests extends ApiIntegrationTest {

	@Test
	void inboxShowsEachRoomsNewestMessageAndUnreadMessagesOfOthersOnEveryPage() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long quiet = ParleyApi.room("private", alice, bob);
		long deleted = ParleyApi.room("private", alice, bob);
		long chatty = ParleyApi.room("private", alice, bob);
		long read = ParleyApi.room("private", alice, bob);
		long gone = number(this.api.message(bob, deleted, "gone"), "id");
		this.api.call(bob, HttpMethod.DELETE, "/api/rooms/{id}/messages/{messageId}", deleted, gone)
			.expectStatus()
			.isNoContent();
		this.api.message(bob, chatty, "b1");
		this.api.message(alice, chatty, "a2");
		this.api.message(bob, chatty, "b3");
		// Alice's own message after her marker is not unread
		Fixtures.sql("UPDATE memberships SET last_read_seq = 0 WHERE room_id = ? AND user_id = ?", chatty,
				alice.userId());
		this.api.message(bob, read, "r1");
		this.api.message(alice, read, "r2");

		List<Map<String, Object>> inbox = inbox(alice, 50);
		assertThat(inbox).extracting((room) -> number(room, "id")).containsExactly(read, chatty, deleted, quiet);
		assertThat(inbox(alice, 1)).isEqualTo(inbox);
		Map<Long, Map<String, Object>> byId = new HashMap<>();
		for (Map<String, Object> room : inbox) {
			byId.put(number(room, "id"), room);
			assertThat(room).isEqualTo(this.api.room(alice, number(room, "id")));
		}

		assertThat(byId.get(quiet)).containsEntry("lastMessage", null).containsEntry("unreadCount", 0);
		assertThat(byId.get(deleted)).containsEntry("lastMessage", newest(alice, deleted))
			.containsEntry("unreadCount", 1);
		assertThat(lastMessage(byId.get(deleted))).containsEntry("id", (int) gone)
			.containsEntry("content", "")
			.containsEntry("deleted", true);
		assertThat(byId.get(chatty)).containsEntry("lastMessage", newest(alice, chatty))
			.containsEntry("unreadCount", 2)
			.containsEntry("lastReadSeq", 0);
		assertThat(lastMessage(byId.get(chatty))).containsEntry("seq", 3)
			.containsEntry("content", "b3")
			.containsEntry("deleted", false);
		assertThat(sender(byId.get(chatty))).containsEntry("id", (int) bob.userId())
			.containsEntry("username", bob.username());
		assertThat(byId.get(read)).containsEntry("lastMessage", newest(alice, read)).containsEntry("unreadCount", 0);
		assertThat(sender(byId.get(read))).containsEntry("id", (int) alice.userId());
	}

	@Test
	void publicRoomShowsNoActivityToNonMembersUntilTheyJoin() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession eve = this.accounts.newUser("eve");
		long roomId = ParleyApi.room("public", alice);
		this.api.message(alice, roomId, "one");
		this.api.message(alice, roomId, "two");
		String slug = (String) this.api.room(alice, roomId).get("slug");

		assertThat(this.api.room(eve, roomId)).containsEntry("lastMessage", null).containsEntry("unreadCount", 0);
		assertThat(discovered(eve, slug)).containsEntry("lastMessage", null).containsEntry("unreadCount", 0);

		this.api.send(eve, HttpMethod.POST, Map.of("slug", slug), "/api/rooms/join").expectStatus().isOk();
		Map<String, Object> joined = this.api.room(eve, roomId);
		assertThat(joined).containsEntry("lastMessage", newest(eve, roomId)).containsEntry("unreadCount", 2);
		assertThat(discovered(eve, slug)).isEqualTo(joined);
		assertThat(inbox(eve, 50)).containsExactly(joined);
	}

	@Test
	void unreadCountsAreExactInRoomsWithThousandsOfUnreadMessages() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		AppSession carol = this.accounts.newUser("carol");
		long roomId = ParleyApi.room("private", alice, bob);
		// 1,000 messages of Bob's (his read marker stays at 0), then one of Alice's
		TestDatabase.fillRoom(roomId, bob.userId(), 1000, 10);
		this.api.message(alice, roomId, "after a thousand");
		Fixtures.join(roomId, carol.userId(), "member");
		// Bob's own thousand messages after his marker are not unread; Alice read up to
		// her own; Carol joined with nothing read
		assertThat(this.api.room(bob, roomId)).containsEntry("unreadCount", 1);
		assertThat(this.api.room(alice, roomId)).containsEntry("unreadCount", 0);
		assertThat(this.api.room(carol, roomId)).containsEntry("unreadCount", 1001);
		assertThat(inbox(carol, 50)).singleElement()
			.satisfies((room) -> assertThat(room).containsEntry("unreadCount", 1001));
		this.api.send(carol, HttpMethod.POST, Map.of("seq", 700), "/api/rooms/{id}/read", roomId)
			.expectStatus()
			.is2xxSuccessful();
		assertThat(this.api.room(carol, roomId)).containsEntry("unreadCount", 301);
	}

	/** The whole inbox, fetched {@code limit} rooms at a time. */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> inbox(AppSession as, int limit) {
		List<Map<String, Object>> rooms = new ArrayList<>();
		String cursor = null;
		do {
			Map<String, Object> page = body(
					this.api.get(as, "/api/rooms?limit=" + limit + ((cursor != null) ? "&cursor=" + cursor : ""))
						.expectStatus()
						.isOk());
			rooms.addAll((List<Map<String, Object>>) page.get("items"));
			cursor = (String) page.get("nextCursor");
		}
		while (cursor != null);
		return rooms;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> discovered(AppSession as, String slug) {
		List<Map<String, Object>> items = (List<Map<String, Object>>) body(
				this.api.get(as, "/api/rooms/discover?q=" + slug).expectStatus().isOk())
			.get("items");
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	/** The room's newest message as its history gives it. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> newest(AppSession as, long roomId) {
		List<Map<String, Object>> items = (List<Map<String, Object>>) this.api.history(as, roomId, "?limit=1")
			.get("items");
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> lastMessage(Map<String, Object> room) {
		return (Map<String, Object>) room.get("lastMessage");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> sender(Map<String, Object> room) {
		return (Map<String, Object>) lastMessage(room).get("sender");
	}

}

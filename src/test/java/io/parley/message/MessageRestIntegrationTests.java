package io.parley.message;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.ApiIntegrationTest;
import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.ParleyApi;
import io.parley.support.TestDatabase;

import static io.parley.support.ParleyApi.body;
import static io.parley.support.ParleyApi.expectProblem;
import static io.parley.support.ParleyApi.number;
import static io.parley.support.ParleyApi.seqs;
import static io.parley.support.Problems.expectValidationFailed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the Messages table of the API, over REST.
 */
class MessageRestIntegrationTests extends ApiIntegrationTest {

	@Test
	void sendWhenNotMemberOfPublicRoomThenForbiddenNotAMember() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession eve = this.accounts.newUser("eve");
		long roomId = ParleyApi.room("public", alice);
		this.api.message(alice, roomId, "for members only");
		expectProblem(this.api.post(eve, roomId, Map.of("content", "hi")), 403, "not_a_member");
		expectProblem(this.api.get(eve, "/api/rooms/{id}/messages", roomId), 403, "not_a_member");
	}

	@Test
	void sendWhenPrivateRoomOfOthersThenRoomNotFound() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession eve = this.accounts.newUser("eve");
		long roomId = ParleyApi.room("private", alice);
		this.api.message(alice, roomId, "for members only");
		expectProblem(this.api.post(eve, roomId, Map.of("content", "hi")), 404, "room_not_found");
		expectProblem(this.api.get(eve, "/api/rooms/{id}/messages", roomId), 404, "room_not_found");
		assertThat(number(this.api.room(alice, roomId), "lastSeq")).isEqualTo(1);
	}

	@Test
	void sendWhenContentBlankOrTooLongThenValidationFailedNamingContent() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		for (Map<String, ?> body : List.of(Map.of("content", " \t\n "), Map.of("content", "x".repeat(4001)),
				Map.of("clientMessageId", "c-1"))) {
			expectProblem(this.api.post(alice, roomId, body), 400, "validation_failed").jsonPath("$.errors[0].field")
				.isEqualTo("content")
				.jsonPath("$.errors.length()")
				.isEqualTo(1);
		}
		// 4000 characters after trimming is the largest allowed
		this.api.post(alice, roomId, Map.of("content", "  " + "y".repeat(4000) + "  ")).expectStatus().isCreated();
		assertThat(number(this.api.room(alice, roomId), "lastSeq")).isEqualTo(1);
	}

	@Test
	void sendWhenClientMessageIdLongerThan64ThenValidationFailed() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		expectProblem(this.api.post(alice, roomId, Map.of("content", "hi", "clientMessageId", "c".repeat(65))), 400,
				"validation_failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("clientMessageId");
		this.api.post(alice, roomId, Map.of("content", "hi", "clientMessageId", "c".repeat(64)))
			.expectStatus()
			.isCreated();
	}

	@Test
	void sendWithRepeatedClientMessageIdThen200WithTheFirstMessageAndNothingStored() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		Map<String, Object> first = body(
				this.api.post(alice, roomId, Map.of("content", "first", "clientMessageId", "c-1"))
					.expectStatus()
					.isCreated());
		Map<String, Object> again = body(
				this.api.post(alice, roomId, Map.of("content", "second", "clientMessageId", "c-1"))
					.expectStatus()
					.isOk());
		assertThat(again).containsEntry("id", first.get("id"))
			.containsEntry("seq", 1)
			.containsEntry("content", "first")
			.containsEntry("clientMessageId", "c-1");
		assertThat(seqs(this.api.history(alice, roomId, ""))).containsExactly(1L);
		assertThat(number(this.api.room(alice, roomId), "lastSeq")).isEqualTo(1);
	}

	@Test
	void editWhenNotSenderThenForbiddenAndWhenUnknownThenMessageNotFound() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		long id = number(this.api.message(alice, roomId, "mine"), "id");
		expectProblem(edit(bob, roomId, id, "hijacked"), 403, "forbidden");
		expectProblem(edit(alice, roomId, id + 1_000_000, "nothing"), 404, "message_not_found");
		expectProblem(
				this.api.call(alice, HttpMethod.DELETE, "/api/rooms/{id}/messages/{messageId}", roomId, id + 1_000_000),
				404, "message_not_found");
		edit(alice, roomId, id, "  edited  ").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content")
			.isEqualTo("edited")
			.jsonPath("$.editedAt")
			.isNotEmpty()
			.jsonPath("$.seq")
			.isEqualTo(1);
		assertThat(item(this.api.history(bob, roomId, ""), 0)).containsEntry("content", "edited");
	}

	@Test
	void editWhenMessageOfAnotherRoomThenMessageNotFound() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		long otherRoom = ParleyApi.room("private", alice);
		long id = number(this.api.message(alice, otherRoom, "elsewhere"), "id");
		expectProblem(edit(alice, roomId, id, "moved"), 404, "message_not_found");
	}

	@Test
	void deleteWhenAdminThenDeletedAndWhenPlainMemberOfAnothersThenForbidden() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		AppSession carol = this.accounts.newUser("carol");
		long roomId = ParleyApi.room("private", alice, bob);
		Fixtures.join(roomId, carol.userId(), "admin");
		long first = number(this.api.message(bob, roomId, "one"), "id");
		long second = number(this.api.message(carol, roomId, "two"), "id");
		expectProblem(delete(bob, roomId, second), 403, "forbidden");
		delete(carol, roomId, first).expectStatus().isNoContent();
		Map<String, Object> deleted = item(this.api.history(alice, roomId, "?after=0"), 0);
		assertThat(deleted).containsEntry("id", (int) first)
			.containsEntry("seq", 1)
			.containsEntry("content", "")
			.containsEntry("deleted", true);
		assertThat(item(this.api.history(alice, roomId, "?after=0"), 1)).containsEntry("content", "two")
			.containsEntry("deleted", false);
		expectProblem(delete(carol, roomId, first), 404, "message_not_found");
		expectProblem(edit(bob, roomId, first, "revived"), 404, "message_not_found");
	}

	@Test
	void deleteOwnMessageWhenPlainMemberThenDeleted() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		long id = number(this.api.message(bob, roomId, "oops"), "id");
		delete(bob, roomId, id).expectStatus().isNoContent();
		assertThat(item(this.api.history(bob, roomId, ""), 0)).containsEntry("deleted", true)
			.containsEntry("content", "");
	}

	@Test
	void readWhenSeqBelowMarkerThenMarkerStaysAndWhenPastLastSeqThenStopsAtLastSeq() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = ParleyApi.room("private", alice, bob);
		for (int i = 1; i <= 3; i++) {
			this.api.message(alice, roomId, "m" + i);
		}
		assertThat(number(this.api.room(bob, roomId), "unreadCount")).isEqualTo(3);
		read(bob, roomId, 2);
		assertThat(receipts(alice, roomId)).containsEntry(bob.userId(), 2L).containsEntry(alice.userId(), 3L);
		assertThat(number(this.api.room(bob, roomId), "unreadCount")).isEqualTo(1);
		assertThat(number(this.api.room(bob, roomId), "lastReadSeq")).isEqualTo(2);
		read(bob, roomId, 1);
		assertThat(receipts(alice, roomId)).containsEntry(bob.userId(), 2L);
		assertThat(number(this.api.room(bob, roomId), "unreadCount")).isEqualTo(1);
		read(bob, roomId, 99);
		assertThat(receipts(bob, roomId)).containsEntry(bob.userId(), 3L);
		assertThat(number(this.api.room(bob, roomId), "unreadCount")).isZero();
		this.api.message(alice, roomId, "m4");
		assertThat(number(this.api.room(bob, roomId), "unreadCount")).isEqualTo(1);
	}

	@Test
	void historyAfterThenOldestFirstAndNextCursorNullOnTheLastPage() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		for (int i = 1; i <= 5; i++) {
			this.api.message(alice, roomId, "m" + i);
		}
		Map<String, Object> first = this.api.history(alice, roomId, "?after=0&limit=2");
		assertThat(seqs(first)).containsExactly(1L, 2L);
		assertThat(first.get("nextCursor")).isEqualTo("2");
		Map<String, Object> second = this.api.history(alice, roomId, "?after=" + first.get("nextCursor") + "&limit=2");
		assertThat(seqs(second)).containsExactly(3L, 4L);
		assertThat(second.get("nextCursor")).isEqualTo("4");
		Map<String, Object> last = this.api.history(alice, roomId, "?after=" + second.get("nextCursor") + "&limit=2");
		assertThat(seqs(last)).containsExactly(5L);
		assertThat(last).containsEntry("nextCursor", null);
		Map<String, Object> exactlyFull = this.api.history(alice, roomId, "?after=3&limit=2");
		assertThat(seqs(exactlyFull)).containsExactly(4L, 5L);
		assertThat(exactlyFull).containsEntry("nextCursor", null);
	}

	@Test
	void historyWhenLimitOver100ThenClampedAndWhenZeroThenValidationFailed() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		TestDatabase.fillRoom(roomId, alice.userId(), 120, 10);
		Map<String, Object> page = this.api.history(alice, roomId, "?after=0&limit=500");
		assertThat(seqs(page)).hasSize(100).startsWith(1L).endsWith(100L);
		assertThat(page.get("nextCursor")).isEqualTo("100");
		assertThat(seqs(this.api.history(alice, roomId, ""))).hasSize(50);
		expectValidationFailed(this.api.get(alice, "/api/rooms/{id}/messages?limit=0", roomId), "limit");
	}

	@Test
	void sendWhen21stWithinTenSecondsThenRateLimitedWithRetryAfter() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		for (int i = 1; i <= 20; i++) {
			this.api.message(alice, roomId, "m" + i);
		}
		WebTestClient.ResponseSpec limited = this.api.post(alice, roomId, Map.of("content", "m21"));
		limited.expectHeader()
			.value("Retry-After", (seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
		expectProblem(limited, 429, "rate_limited");
		assertThat(number(this.api.room(alice, roomId), "lastSeq")).isEqualTo(20);
		// the limit is per room: another room still takes messages
		this.api.message(alice, ParleyApi.room("private", alice), "elsewhere");
	}

	private WebTestClient.ResponseSpec edit(AppSession as, long roomId, long messageId, String content) {
		return this.api.send(as, HttpMethod.PATCH, Map.of("content", content), "/api/rooms/{id}/messages/{messageId}",
				roomId, messageId);
	}

	private WebTestClient.ResponseSpec delete(AppSession as, long roomId, long messageId) {
		return this.api.call(as, HttpMethod.DELETE, "/api/rooms/{id}/messages/{messageId}", roomId, messageId);
	}

	private void read(AppSession as, long roomId, long seq) {
		this.api.send(as, HttpMethod.POST, Map.of("seq", seq), "/api/rooms/{id}/read", roomId)
			.expectStatus()
			.isNoContent();
	}

	@SuppressWarnings("unchecked")
	private Map<Long, Long> receipts(AppSession as, long roomId) {
		List<Map<String, Object>> items = (List<Map<String, Object>>) body(
				this.api.get(as, "/api/rooms/{id}/receipts", roomId).expectStatus().isOk())
			.get("items");
		return items.stream()
			.collect(java.util.stream.Collectors.toMap((item) -> number(item, "userId"),
					(item) -> number(item, "lastReadSeq")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> item(Map<String, Object> page, int index) {
		return ((List<Map<String, Object>>) page.get("items")).get(index);
	}

}

package io.parley.realtime;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

class RoomSocketIntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	/** Alice (owner) and Bob in a private room, both connected and past READY. */
	private Conversation conversation() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = privateRoomOf(alice, bob);
		TestSocket a = TestSocket.open(this.port, "/room/" + roomId, alice.bearer());
		TestSocket b = TestSocket.open(this.port, "/room/" + roomId, bob.bearer());
		a.next("READY");
		b.next("READY");
		return new Conversation(alice, bob, roomId, a, b);
	}

	private record Conversation(AppSession alice, AppSession bob, long roomId, TestSocket a,
			TestSocket b) implements AutoCloseable {

		@Override
		public void close() {
			this.a.close();
			this.b.close();
		}

	}

	private static long privateRoomOf(AppSession owner, AppSession member) {
		long roomId = Fixtures.room(owner.userId(), "private");
		Fixtures.join(roomId, member.userId(), "member");
		return roomId;
	}

	@Test
	void sendThenSenderGetsAckAndOthersGetTheMessageInOrder() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = privateRoomOf(alice, bob);
		try (TestSocket a = TestSocket.open(this.port, "/room/" + roomId, alice.bearer());
				TestSocket b = TestSocket.open(this.port, "/room/" + roomId, bob.bearer())) {
			JsonNode ready = a.next("READY");
			assertThat(ready.get("data").get("lastSeq").asLong()).isZero();
			assertThat(ready.get("data").get("room").get("id").asLong()).isEqualTo(roomId);
			b.next("READY");
			for (int i = 1; i <= 5; i++) {
				a.send("{\"type\":\"SEND\",\"content\":\"hello " + i + "\",\"clientMessageId\":\"c-" + i + "\"}");
			}
			for (int i = 1; i <= 5; i++) {
				JsonNode ack = a.next("ACK");
				assertThat(ack.get("data").get("clientMessageId").asString()).isEqualTo("c-" + i);
				assertThat(ack.get("data").get("seq").asLong()).isEqualTo(i);
				JsonNode message = b.next("NEW_MESSAGE");
				assertThat(message.get("data").get("seq").asLong()).isEqualTo(i);
				assertThat(message.get("data").get("content").asString()).isEqualTo("hello " + i);
				assertThat(message.get("data").get("sender").get("id").asLong()).isEqualTo(alice.userId());
			}
			a.send("{\"type\":\"PING\"}");
			assertThat(a.next().get("type").asString()).isEqualTo("PONG");
		}
	}

	@Test
	void sendWithRepeatedClientMessageIdThenAckOfTheFirstAndNoBroadcast() {
		try (Conversation chat = conversation()) {
			TestSocket a = chat.a();
			TestSocket b = chat.b();
			a.send("{\"type\":\"SEND\",\"content\":\"once\",\"clientMessageId\":\"same\"}");
			long firstId = a.next("ACK").get("data").get("id").asLong();
			a.send("{\"type\":\"SEND\",\"content\":\"twice\",\"clientMessageId\":\"same\"}");
			assertThat(a.next("ACK").get("data").get("id").asLong()).isEqualTo(firstId);
			a.send("{\"content\":\"marker\"}");
			a.next("ACK");
			assertThat(b.next("NEW_MESSAGE").get("data").get("content").asString()).isEqualTo("once");
			assertThat(b.next("NEW_MESSAGE").get("data").get("content").asString()).isEqualTo("marker");
		}
	}

	@Test
	void connectWithSinceThenMissedMessagesReplayedExactlyOnceThenLive() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = privateRoomOf(alice, bob);
		try (TestSocket a = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
			a.next("READY");
			for (int i = 1; i <= 4; i++) {
				a.send("{\"content\":\"m" + i + "\"}");
				a.next("ACK");
			}
			try (TestSocket b = TestSocket.open(this.port, "/room/" + roomId + "?since=1", bob.bearer())) {
				assertThat(b.next("READY").get("data").get("lastSeq").asLong()).isEqualTo(4);
				for (int seq = 2; seq <= 4; seq++) {
					assertThat(b.next().get("data").get("seq").asLong()).isEqualTo(seq);
				}
				a.send("{\"content\":\"m5\"}");
				assertThat(b.next("NEW_MESSAGE").get("data").get("seq").asLong()).isEqualTo(5);
			}
		}
	}

	@Test
	void handshakeWhenNoCredentialsThen401AndWhenPrivateRoomOfOthersThen404AndWhenPublicNotJoinedThen403() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession eve = this.accounts.newUser("eve");
		long privateRoom = Fixtures.room(alice.userId(), "private");
		long publicRoom = Fixtures.room(alice.userId(), "public");
		assertThat(TestSocket.open(this.port, "/room/" + privateRoom, new HttpHeaders()).awaitRefusal()).isEqualTo(401);
		assertThat(TestSocket.open(this.port, "/room/" + privateRoom, eve.bearer()).awaitRefusal()).isEqualTo(404);
		assertThat(TestSocket.open(this.port, "/room/" + publicRoom, eve.bearer()).awaitRefusal()).isEqualTo(403);
		assertThat(TestSocket.open(this.port, "/room/999999999", eve.bearer()).awaitRefusal()).isEqualTo(404);
	}

	@Test
	void malformedFramesThenErrorFramesAndRepeatedThenClose1008() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		try (TestSocket a = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
			a.next("READY");
			a.send("not json");
			JsonNode error = a.next("ERROR");
			assertThat(error.get("data").get("code").asString()).isEqualTo("malformed_frame");
			a.send("{\"type\":\"SEND\",\"content\":\"   \",\"clientMessageId\":\"c-blank\"}");
			JsonNode invalid = a.next("ERROR");
			assertThat(invalid.get("data").get("code").asString()).isEqualTo("validation_failed");
			assertThat(invalid.get("data").get("clientMessageId").asString()).isEqualTo("c-blank");
			for (int i = 0; i < 5; i++) {
				a.send("[" + i + "]");
			}
			assertThat(a.awaitClose().getCode()).isEqualTo(1008);
		}
	}

	@Test
	void frameLargerThan64KiBThenClose1009() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		try (TestSocket a = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
			a.next("READY");
			a.send("{\"content\":\"" + "x".repeat(70 * 1024) + "\"}");
			assertThat(a.awaitClose().getCode()).isEqualTo(1009);
		}
	}

	@Test
	void kickThenKickedSocketClosesWith4403AndOthersSeeMemberLeft() {
		try (Conversation chat = conversation()) {
			AppSession bob = chat.bob();
			TestSocket a = chat.a();
			TestSocket b = chat.b();
			this.http.delete()
				.uri("/api/rooms/{id}/members/{userId}", chat.roomId(), bob.userId())
				.header("Authorization", chat.alice().bearer())
				.exchange()
				.expectStatus()
				.isNoContent();
			assertThat(b.awaitClose().getCode()).isEqualTo(4403);
			assertThat(a.next("MEMBER_LEFT").get("data").get("user").get("id").asLong()).isEqualTo(bob.userId());
		}
	}

	@Test
	void logoutThenTheSessionsSocketsCloseWith4401() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		try (TestSocket a = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
			a.next("READY");
			this.http.post()
				.uri("/api/auth/logout")
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.bodyValue(java.util.Map.of("refreshToken", alice.refreshToken()))
				.exchange()
				.expectStatus()
				.isNoContent();
			assertThat(a.awaitClose().getCode()).isEqualTo(4401);
		}
	}

	@Test
	void restSendThenSocketsGetTheMessageAndHistoryPagesByCursor() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = privateRoomOf(alice, bob);
		try (TestSocket b = TestSocket.open(this.port, "/room/" + roomId, bob.bearer())) {
			b.next("READY");
			for (int i = 1; i <= 3; i++) {
				this.http.post()
					.uri("/api/rooms/{id}/messages", roomId)
					.header("Authorization", alice.bearer())
					.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
					.bodyValue(java.util.Map.of("content", "rest " + i))
					.exchange()
					.expectStatus()
					.isCreated();
				assertThat(b.next("NEW_MESSAGE").get("data").get("seq").asLong()).isEqualTo(i);
			}
		}
		this.http.get()
			.uri("/api/rooms/{id}/messages?limit=2", roomId)
			.header("Authorization", bob.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].seq")
			.isEqualTo(3)
			.jsonPath("$.items[1].seq")
			.isEqualTo(2)
			.jsonPath("$.nextCursor")
			.isEqualTo("2");
		this.http.get()
			.uri("/api/rooms/{id}/messages?before=2", roomId)
			.header("Authorization", bob.bearer())
			.exchange()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.nextCursor")
			.doesNotExist();
	}

	@Test
	void sendBeforeReadyArrivesThenItIsHandledAfterReady() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		try (TestSocket a = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
			a.send("{\"type\":\"SEND\",\"content\":\"eager\",\"clientMessageId\":\"early\"}");
			assertThat(a.next().get("type").asString()).isEqualTo("READY");
			assertThat(a.next("ACK").get("data").get("clientMessageId").asString()).isEqualTo("early");
		}
	}

	@Test
	void sendThenTheSendersOtherSocketGetsItAndLeaveThenBothClose4403() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = Fixtures.room(alice.userId(), "private");
		Fixtures.join(roomId, bob.userId(), "member");
		try (TestSocket phone = TestSocket.open(this.port, "/room/" + roomId, bob.bearer());
				TestSocket laptop = TestSocket.open(this.port, "/room/" + roomId, bob.bearer())) {
			phone.next("READY");
			laptop.next("READY");
			phone.send("{\"type\":\"SEND\",\"content\":\"from my phone\",\"clientMessageId\":\"p-1\"}");
			long seq = phone.next("ACK").get("data").get("seq").asLong();
			JsonNode copy = laptop.next("NEW_MESSAGE");
			assertThat(copy.get("data").get("seq").asLong()).isEqualTo(seq);
			assertThat(copy.get("data").get("content").asString()).isEqualTo("from my phone");
			this.http.post()
				.uri("/api/rooms/{id}/leave", roomId)
				.header("Authorization", bob.bearer())
				.exchange()
				.expectStatus()
				.isNoContent();
			assertThat(phone.awaitClose().getCode()).isEqualTo(4403);
			assertThat(laptop.awaitClose().getCode()).isEqualTo(4403);
		}
	}

}

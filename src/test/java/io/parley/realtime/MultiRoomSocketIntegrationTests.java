package io.parley.realtime;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

class MultiRoomSocketIntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void subscribeToTwoRoomsThenFramesOfBothArriveTaggedWithTheirRoom() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long first = Fixtures.room(alice.userId(), "private");
		long second = Fixtures.room(alice.userId(), "private");
		Fixtures.join(first, bob.userId(), "member");
		Fixtures.join(second, bob.userId(), "member");
		try (TestSocket a = TestSocket.open(this.port, "/ws", alice.bearer());
				TestSocket b = TestSocket.open(this.port, "/ws", bob.bearer())) {
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + first + "}");
			assertThat(b.next("READY").get("roomId").asLong()).isEqualTo(first);
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + second + ",\"since\":0}");
			assertThat(b.next("READY").get("roomId").asLong()).isEqualTo(second);
			a.send("{\"type\":\"SEND\",\"roomId\":" + first + ",\"content\":\"to first\",\"clientMessageId\":\"f\"}");
			assertThat(a.next("ACK").get("roomId").asLong()).isEqualTo(first);
			a.send("{\"type\":\"SEND\",\"roomId\":" + second + ",\"content\":\"to second\"}");
			a.next("ACK");
			JsonNode one = b.next("NEW_MESSAGE");
			JsonNode two = b.next("NEW_MESSAGE");
			assertThat(one.get("roomId").asLong()).isEqualTo(first);
			assertThat(one.get("data").get("content").asString()).isEqualTo("to first");
			assertThat(two.get("roomId").asLong()).isEqualTo(second);

			b.send("{\"type\":\"UNSUBSCRIBE\",\"roomId\":" + first + "}");
			b.send("{\"type\":\"PING\"}");
			b.next("PONG");
			a.send("{\"type\":\"SEND\",\"roomId\":" + first + ",\"content\":\"unheard\"}");
			a.next("ACK");
			a.send("{\"type\":\"SEND\",\"roomId\":" + second + ",\"content\":\"heard\"}");
			a.next("ACK");
			assertThat(b.next("NEW_MESSAGE").get("data").get("content").asString()).isEqualTo("heard");
		}
	}

	@Test
	void subscribeWhenRoomIsPrivateToOthersThenErrorAndWhenKickedThenUnsubscribedButOpen() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long secret = Fixtures.room(alice.userId(), "private");
		long shared = Fixtures.room(alice.userId(), "private");
		Fixtures.join(shared, bob.userId(), "member");
		try (TestSocket b = TestSocket.open(this.port, "/ws", bob.bearer())) {
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + secret + "}");
			assertThat(b.next("ERROR").get("data").get("code").asString()).isEqualTo("room_not_found");
			b.send("{\"type\":\"SEND\",\"content\":\"where?\",\"clientMessageId\":\"x\"}");
			JsonNode noRoom = b.next("ERROR");
			assertThat(noRoom.get("data").get("code").asString()).isEqualTo("validation_failed");
			assertThat(noRoom.get("data").get("clientMessageId").asString()).isEqualTo("x");
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + shared + "}");
			b.next("READY");
			call(alice, HttpMethod.DELETE, "/api/rooms/" + shared + "/members/" + bob.userId(), null, 204);
			JsonNode unsubscribed = b.next("UNSUBSCRIBED");
			assertThat(unsubscribed.get("roomId").asLong()).isEqualTo(shared);
			assertThat(unsubscribed.get("data").get("reason").asString()).isEqualTo("removed");
			b.send("{\"type\":\"PING\"}");
			assertThat(b.next("PONG").get("type").asString()).isEqualTo("PONG");
		}
	}

	@Test
	void subscribeSinceReplaysThenLeavingAndDeletionUnsubscribeWithTheirReasons() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long left = Fixtures.room(alice.userId(), "private");
		long deleted = Fixtures.room(alice.userId(), "private");
		long unjoined = Fixtures.room(alice.userId(), "public");
		Fixtures.join(left, bob.userId(), "member");
		Fixtures.join(deleted, bob.userId(), "member");
		call(alice, HttpMethod.POST, "/api/rooms/" + left + "/messages", "{\"content\":\"one\"}", 201);
		call(alice, HttpMethod.POST, "/api/rooms/" + left + "/messages", "{\"content\":\"two\"}", 201);
		try (TestSocket b = TestSocket.open(this.port, "/ws", bob.bearer())) {
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + left + ",\"since\":1}");
			JsonNode ready = b.next("READY");
			assertThat(ready.get("data").get("lastSeq").asLong()).isEqualTo(2);
			JsonNode missed = b.next("NEW_MESSAGE");
			assertThat(missed.get("roomId").asLong()).isEqualTo(left);
			assertThat(missed.get("data").get("seq").asLong()).isEqualTo(2);
			assertThat(missed.get("data").get("content").asString()).isEqualTo("two");
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + unjoined + "}");
			assertThat(b.next("ERROR").get("data").get("code").asString()).isEqualTo("not_a_member");
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + Long.MAX_VALUE / 2 + "}");
			assertThat(b.next("ERROR").get("data").get("code").asString()).isEqualTo("room_not_found");
			b.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + deleted + "}");
			b.next("READY");
			call(bob, HttpMethod.POST, "/api/rooms/" + left + "/leave", null, 204);
			JsonNode leaving = b.next("UNSUBSCRIBED");
			assertThat(leaving.get("roomId").asLong()).isEqualTo(left);
			assertThat(leaving.get("data").get("reason").asString()).isEqualTo("left");
			call(alice, HttpMethod.DELETE, "/api/rooms/" + deleted, null, 204);
			JsonNode gone = b.next("UNSUBSCRIBED");
			assertThat(gone.get("roomId").asLong()).isEqualTo(deleted);
			assertThat(gone.get("data").get("reason").asString()).isEqualTo("deleted");
			b.send("{\"type\":\"PING\"}");
			assertThat(b.next("PONG").get("type").asString()).isEqualTo("PONG");
		}
	}

	/** A REST call as {@code as}, with a JSON body or none, answered {@code status}. */
	private void call(AppSession as, HttpMethod method, String uri, @Nullable String json, int status) {
		WebTestClient.RequestBodySpec request = this.http.method(method).uri(uri).header("Authorization", as.bearer());
		WebTestClient.RequestHeadersSpec<?> ready = (json != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(json) : request;
		ready.exchange().expectStatus().isEqualTo(status);
	}

}

package io.parley.realtime;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

class PresenceIntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void usersSocketListsRoomMatesThenReportsTheirComingAndGoing() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		long roomId = Fixtures.room(alice.userId(), "private");
		Fixtures.join(roomId, bob.userId(), "member");
		try (TestSocket users = TestSocket.open(this.port, "/users", alice.bearer())) {
			JsonNode list = users.next("USERS");
			JsonNode items = list.get("data").get("items");
			assertThat(items.size()).isEqualTo(1);
			assertThat(items.get(0).get("user").get("id").asLong()).isEqualTo(bob.userId());
			assertThat(items.get(0).get("status").asString()).isEqualTo("offline");
			assertThat(items.get(0).get("user").has("email")).isFalse();

			TestSocket bobs = TestSocket.open(this.port, "/room/" + roomId, bob.bearer());
			bobs.next("READY");
			JsonNode online = users.next("PRESENCE");
			assertThat(online.get("data").get("userId").asLong()).isEqualTo(bob.userId());
			assertThat(online.get("data").get("status").asString()).isEqualTo("online");

			try (TestSocket alices = TestSocket.open(this.port, "/room/" + roomId, alice.bearer())) {
				JsonNode ready = alices.next("READY");
				assertThat(ready.get("data").get("online").toString()).contains(Long.toString(bob.userId()));
				bobs.close();
				JsonNode offline = users.next("PRESENCE");
				assertThat(offline.get("data").get("status").asString()).isEqualTo("offline");
				JsonNode inRoom = alices.next("PRESENCE");
				assertThat(inRoom.get("roomId").asLong()).isEqualTo(roomId);
				assertThat(inRoom.get("data").get("status").asString()).isEqualTo("offline");
			}
		}
	}

}

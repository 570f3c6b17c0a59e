package io.parley.realtime;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;
import io.parley.support.ParleyInstance;
import io.parley.support.RoomLock;
import io.parley.support.SocketFrames;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

class GracefulShutdownIntegrationTests extends IntegrationTest {

	@Test
	void shutdownThenOpenSocketsCloseWith1001AfterTheirSendIsAcknowledged() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		ParleyInstance instance = ParleyInstance.start("");
		try (TestSocket socket = instance.ready(alice, roomId)) {
			socket.send("{\"type\":\"SEND\",\"content\":\"last words\",\"clientMessageId\":\"bye\"}");
			assertThat(socket.next("ACK").get("data").get("clientMessageId").asString()).isEqualTo("bye");
			instance.close();
			assertThat(socket.awaitClose().getCode()).isEqualTo(1001);
		}
		assertThat(Fixtures.sql("SELECT count(*) FROM messages WHERE room_id = ?", roomId)).isEqualTo(1);
	}

	@Test
	void shutdownWhileSendsAreBeingStoredThenTheyAreAckedLaterOnesRefusedAndTheSocketClosesWith1001() throws Exception {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		ParleyInstance instance = ParleyInstance.start("");
		Thread closing = new Thread(instance::close, "closing");
		try (TestSocket socket = instance.ready(alice, roomId)) {
			int accepted = 0;
			try (RoomLock lock = RoomLock.hold(roomId, instance.api())) {
				socket.send(SocketFrames.send("in flight", "first"));
				accepted++;
				lock.awaitSendsHeldBack();
				closing.start();
				// sends are held back while the room is locked, until the server stops
				// taking new ones
				JsonNode refused = null;
				for (int i = 0; i < 100 && refused == null; i++) {
					socket.send(SocketFrames.send("probe", "probe-" + i));
					Thread.sleep(100);
					if (socket.pending() > 0) {
						refused = socket.next();
					}
					else {
						accepted++;
					}
				}
				assertThat(refused).isNotNull();
				assertThat(refused.get("type").asString()).isEqualTo("ERROR");
				assertThat(refused.get("data").get("code").asString()).isEqualTo("rate_limited");
				assertThat(refused.get("data").get("clientMessageId").asString()).startsWith("probe-");
			}
			for (int i = 0; i < accepted; i++) {
				assertThat(socket.next("ACK")).isNotNull();
			}
			assertThat(socket.awaitClose().getCode()).isEqualTo(1001);
			assertThat(Fixtures.sql("SELECT count(*) FROM messages WHERE room_id = ?", roomId)).isEqualTo(accepted);
		}
		finally {
			closing.join(30_000);
		}
	}

}

package io.parley.realtime;

import org.junit.jupiter.api.Test;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;
import io.parley.support.ParleyInstance;
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

}

package io.parley.message;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.ParleyInstance;
import io.parley.support.RoomLock;
import io.parley.support.SocketFrames;
import io.parley.support.TestServices;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room whose row another transaction keeps (a stuck transaction, a long delete): its
 * held-back sends fail with {@code rate_limited} once it has been busy for
 * {@code parley.messages.max-busy-wait} (one second here), take no seq, and the room
 * takes sends again once it is free.
 */
class BusyRoomIntegrationTests {

	private static ParleyInstance instance;

	@BeforeAll
	static void start() {
		instance = ParleyInstance.start("", "parley.messages.max-busy-wait=1s");
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void sendsToARoomBusyLongerThanTheLimitFailWithRateLimitedAndTakeNoSeq() {
		AppSession alice = new Accounts(instance.api().http(), TestServices.mail()).newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		try (TestSocket socket = instance.ready(alice, roomId)) {
			try (RoomLock lock = RoomLock.hold(roomId, instance.api())) {
				socket.send(SocketFrames.send("first", "c-1"));
				socket.send(SocketFrames.send("second", "c-2"));
				lock.awaitSendsHeldBack();
				for (String clientMessageId : List.of("c-1", "c-2")) {
					JsonNode error = socket.next("ERROR").get("data");
					assertThat(error.get("code").asString()).isEqualTo("rate_limited");
					assertThat(error.get("clientMessageId").asString()).isEqualTo(clientMessageId);
				}
			}
			assertThat(instance.api().metric("parley_messages_busy_refused_total")).isEqualTo(2.0);
			socket.send(SocketFrames.send("after", "c-3"));
			assertThat(SocketFrames.seq(socket.next("ACK"))).isEqualTo(1);
		}
		Map<String, Object> page = instance.api().history(alice, roomId, "?after=0&limit=50");
		assertThat(ParleyApi.seqs(page)).containsExactly(1L);
	}

}

package io.parley.realtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.RoomLock;
import io.parley.support.SocketFrames;
import io.parley.support.TestSocket;
import io.parley.support.TunedIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket may have several sends being stored at once; each room still stores them in
 * the order they were sent.
 */
class PipelinedSendIntegrationTests extends TunedIntegrationTest {

	private static final int PER_ROOM = 80;

	@Test
	void sendHeldBackInOneRoomThenTheSameSocketsSendToAnotherRoomOfItsLaneIsStoredMeanwhile() {
		AppSession alice = this.accounts.newUser("alice");
		long stalled = ParleyApi.room("private", alice);
		// rooms are spread over MessageWriter's 4 lanes by id: a room of the same lane
		long free = ParleyApi.room("private", alice);
		while (Math.floorMod(free, 4) != Math.floorMod(stalled, 4)) {
			free = ParleyApi.room("private", alice);
		}
		try (TestSocket sender = TestSocket.open(this.port, "/ws", alice.bearer())) {
			for (long roomId : List.of(stalled, free)) {
				sender.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + roomId + "}");
				sender.next("READY");
			}
			try (RoomLock lock = RoomLock.hold(stalled, this.api)) {
				sender.send(SocketFrames.send(stalled, "waits", "s1"));
				lock.awaitSendsHeldBack();
				sender.send(SocketFrames.send(free, "goes", "f"));
				sender.send(SocketFrames.send(stalled, "waits too", "s2"));
				JsonNode ack = sender.next("ACK").get("data");
				assertThat(ack.get("clientMessageId").asString()).isEqualTo("f");
			}
			JsonNode first = sender.next("ACK").get("data");
			JsonNode second = sender.next("ACK").get("data");
			assertThat(first.get("clientMessageId").asString()).isEqualTo("s1");
			assertThat(first.get("seq").asLong()).isEqualTo(1);
			assertThat(second.get("clientMessageId").asString()).isEqualTo("s2");
			assertThat(second.get("seq").asLong()).isEqualTo(2);
		}
	}

	@Test
	void manySendsWithoutWaitingForAcksThenEachRoomStoresAndDeliversThemInSendOrder() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		List<Long> rooms = List.of(ParleyApi.room("private", alice, bob), ParleyApi.room("private", alice, bob),
				ParleyApi.room("private", alice, bob));
		try (TestSocket sender = TestSocket.open(this.port, "/ws", alice.bearer());
				TestSocket reader = TestSocket.open(this.port, "/ws", bob.bearer())) {
			for (long roomId : rooms) {
				sender.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + roomId + "}");
				sender.next("READY");
				reader.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + roomId + "}");
				reader.next("READY");
			}
			for (int i = 0; i < PER_ROOM; i++) {
				for (long roomId : rooms) {
					sender.send("{\"type\":\"SEND\",\"roomId\":" + roomId + ",\"content\":\"" + i
							+ "\",\"clientMessageId\":\"" + roomId + "-" + i + "\"}");
				}
			}

			Map<String, Long> seqOfAck = new HashMap<>();
			for (int n = 0; n < PER_ROOM * rooms.size(); n++) {
				JsonNode ack = sender.next("ACK").get("data");
				seqOfAck.put(ack.get("clientMessageId").asString(), ack.get("seq").asLong());
			}
			for (long roomId : rooms) {
				for (int i = 0; i < PER_ROOM; i++) {
					assertThat(seqOfAck.get(roomId + "-" + i)).as("seq of send %d in room %d", i, roomId)
						.isEqualTo(i + 1L);
				}
			}
			Map<Long, Integer> deliveredPerRoom = new HashMap<>();
			for (int n = 0; n < PER_ROOM * rooms.size(); n++) {
				JsonNode message = reader.next("NEW_MESSAGE");
				long roomId = message.get("roomId").asLong();
				int expected = deliveredPerRoom.merge(roomId, 1, Integer::sum) - 1;
				assertThat(message.get("data").get("seq").asLong()).isEqualTo(expected + 1L);
				assertThat(message.get("data").get("content").asString()).isEqualTo(Integer.toString(expected));
			}
		}
	}

	@Test
	void pipelinedSendsRepeatingEarlierClientIdsThenEachIsAckedWithTheFirstSeqAndTheNewOnesLeaveNoGap() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = ParleyApi.room("private", alice);
		try (TestSocket sender = TestSocket.open(this.port, "/ws", alice.bearer())) {
			sender.send("{\"type\":\"SUBSCRIBE\",\"roomId\":" + roomId + "}");
			sender.next("READY");
			for (int i = 0; i < 10; i++) {
				sender.send(SocketFrames.send(roomId, "first " + i, "c" + i));
			}
			Map<String, Long> seqOf = new HashMap<>();
			for (int i = 0; i < 10; i++) {
				JsonNode ack = sender.next("ACK").get("data");
				seqOf.put(ack.get("clientMessageId").asString(), ack.get("seq").asLong());
			}
			// new sends and repeats of the first ones, interleaved, all in flight at once
			for (int i = 0; i < 10; i++) {
				sender.send(SocketFrames.send(roomId, "again " + i, "c" + i));
				sender.send(SocketFrames.send(roomId, "second " + i, "d" + i));
			}
			Map<String, Long> secondSeqOf = new HashMap<>();
			for (int n = 0; n < 20; n++) {
				JsonNode ack = sender.next("ACK").get("data");
				secondSeqOf.put(ack.get("clientMessageId").asString(), ack.get("seq").asLong());
			}
			for (int i = 0; i < 10; i++) {
				assertThat(secondSeqOf.get("c" + i)).as("repeat of c%d", i).isEqualTo(seqOf.get("c" + i));
				assertThat(secondSeqOf.get("d" + i)).as("seq of d%d", i).isEqualTo(11L + i);
			}
		}
		Map<String, Object> page = this.api.history(alice, roomId, "?after=0&limit=50");
		assertThat(ParleyApi.seqs(page)).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
	}

}

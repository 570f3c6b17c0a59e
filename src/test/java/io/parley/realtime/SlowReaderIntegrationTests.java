package io.parley.realtime;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.SlowSocket;
import io.parley.support.SocketFrames;
import io.parley.support.TestSocket;
import io.parley.support.TunedIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket that stops reading overflows its bounded outbound queue and is closed with
 * 1013, without slowing the others in its room. When it reads again it gets what was
 * queued ahead of the close and then the close, even though it answers what it reads (as
 * a client answers the pings among those frames) while the server is closing.
 */
class SlowReaderIntegrationTests extends TunedIntegrationTest {

	/**
	 * Enough to overflow what sits between the server and a client that does not read:
	 * the 1,024-frame outbound queue, Reactor Netty's writes in flight and the kernel's
	 * socket buffers, which Linux grows to 4 MiB on the sending side (so 2,000 frames of
	 * 1 KB were all absorbed).
	 */
	private static final int MESSAGES = 3000;

	private static final String PADDING = "x".repeat(3900);

	@Test
	void socketThatStopsReadingThenClosedWith1013WhileOthersGetEveryMessageInOrder() {
		AppSession alice = this.accounts.newUser("alice");
		AppSession bob = this.accounts.newUser("bob");
		AppSession carol = this.accounts.newUser("carol");
		long roomId = ParleyApi.room("private", alice, bob, carol);
		try (TestSocket sender = ready(alice, roomId);
				TestSocket reader = ready(bob, roomId);
				SlowSocket slow = SlowSocket.open(this.port, "/room/" + roomId, carol.bearer())) {
			assertThat(slow.frames()).singleElement()
				.satisfies((ready) -> assertThat(ready.get("type").asString()).isEqualTo("READY"));
			for (int i = 1; i <= MESSAGES; i++) {
				sender.send(SocketFrames.send(PADDING + " " + i, "c-" + i));
			}
			for (int seq = 1; seq <= MESSAGES; seq++) {
				JsonNode message = reader.next("NEW_MESSAGE");
				assertThat(SocketFrames.seq(message)).isEqualTo(seq);
				assertThat(message.get("data").get("content").asString()).isEqualTo(PADDING + " " + seq);
			}
			assertThat(SocketFrames.seq(lastAck(sender))).isEqualTo(MESSAGES);
			slow.resumeReadingAndTalking();
			assertThat(slow.awaitClose(Duration.ofSeconds(30)).code()).isEqualTo(1013);
			List<Long> delivered = slow.frames()
				.stream()
				.filter((frame) -> "NEW_MESSAGE".equals(frame.get("type").asString()))
				.map(SocketFrames::seq)
				.toList();
			assertThat(delivered).hasSizeLessThan(MESSAGES)
				.containsExactlyElementsOf(LongStream.rangeClosed(1, delivered.size()).boxed().toList());
		}
	}

	private static JsonNode lastAck(TestSocket sender) {
		JsonNode ack = null;
		for (int i = 1; i <= MESSAGES; i++) {
			ack = sender.next("ACK");
		}
		return ack;
	}

}

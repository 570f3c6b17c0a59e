package io.parley.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON a socket receives: keys in the API's order, absent values left out. */
class FramesTests {

	private final Frames frames = new Frames(JsonMapper.builder().build());

	@Test
	void frameWithRoomAndDataThenAllThreeKeysInOrder() {
		assertThat(text(this.frames.frame("READ", 7L, Map.of("seq", 3))))
			.isEqualTo("{\"type\":\"READ\",\"roomId\":7,\"data\":{\"seq\":3}}");
	}

	@Test
	void frameWithoutRoomOrDataThenOnlyItsType() {
		assertThat(text(this.frames.frame("PONG", null, null))).isEqualTo("{\"type\":\"PONG\"}");
	}

	@Test
	void nullsInsideTheDataAreKept() {
		assertThat(text(this.frames.frame("ACK", 1L, new Sent(null, 5))))
			.isEqualTo("{\"type\":\"ACK\",\"roomId\":1,\"data\":{\"clientMessageId\":null,\"seq\":5}}");
	}

	@Test
	void errorCarriesTheClientMessageIdOnlyWhenTheFrameHadOne() {
		assertThat(text(this.frames.error(2L, "rate_limited", "Slow down.", "c-1"))).isEqualTo(
				"{\"type\":\"ERROR\",\"roomId\":2,\"data\":{\"code\":\"rate_limited\",\"message\":\"Slow down.\",\"clientMessageId\":\"c-1\"}}");
		assertThat(text(this.frames.error(null, "malformed_frame", "Not JSON.", null)))
			.isEqualTo("{\"type\":\"ERROR\",\"data\":{\"code\":\"malformed_frame\",\"message\":\"Not JSON.\"}}");
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

	record Sent(String clientMessageId, long seq) {
	}

}

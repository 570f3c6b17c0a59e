package io.parley.realtime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Text frames must be valid UTF-8 (RFC 6455): one that is not closes the socket with 1007
 * instead of being read with replacement characters.
 */
final class StrictUtf8 {

	static final CloseStatus INVALID = new CloseStatus(1007, "text frame is not valid UTF-8");

	private StrictUtf8() {
	}

	/** The frame's text, or null when its bytes are not UTF-8. */
	static @Nullable String decode(DataBuffer payload) {
		ByteBuffer bytes = ByteBuffer.allocate(payload.readableByteCount());
		payload.toByteBuffer(payload.readPosition(), bytes, 0, bytes.capacity());
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}

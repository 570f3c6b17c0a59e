package io.parley.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Serializes server frames, shaped {@code {"type","roomId"?,"data"?}}. Each frame is
 * serialized once and the same bytes go to every socket.
 */
@Component
class Frames {

	private final JsonMapper json;

	/**
	 * Frames as records, not maps: a map's entries are serialized by looking up each
	 * value's type.
	 */
	private final ObjectWriter frames;

	Frames(JsonMapper json) {
		this.json = json;
		this.frames = json.writerFor(Frame.class);
	}

	byte[] frame(String type, @Nullable Long roomId, @Nullable Object data) {
		return this.frames.writeValueAsBytes(new Frame(type, roomId, data));
	}

	byte[] error(@Nullable Long roomId, String code, String message, @Nullable String clientMessageId) {
		return frame("ERROR", roomId, new ErrorData(code, message, clientMessageId));
	}

	JsonMapper json() {
		return this.json;
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	private record Frame(String type, @Nullable Long roomId, @Nullable Object data) {
	}

	private record ErrorData(String code, String message,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String clientMessageId) {
	}

}

package io.parley.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Serializes server frames, shaped {@code {"type","roomId"?,"data"}}. Each frame is
 * serialized once and the same bytes go to every socket.
 */
@Component
class Frames {

	private final JsonMapper json;

	Frames(JsonMapper json) {
		this.json = json;
	}

	byte[] frame(String type, @Nullable Long roomId, @Nullable Object data) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", type);
		if (roomId != null) {
			frame.put("roomId", roomId);
		}
		if (data != null) {
			frame.put("data", data);
		}
		return this.json.writeValueAsBytes(frame);
	}

	byte[] error(@Nullable Long roomId, String code, String message, @Nullable String clientMessageId) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("code", code);
		data.put("message", message);
		if (clientMessageId != null) {
			data.put("clientMessageId", clientMessageId);
		}
		return frame("ERROR", roomId, data);
	}

	JsonMapper json() {
		return this.json;
	}

}

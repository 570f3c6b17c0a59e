package io.parley.realtime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.parley.web.Text;

/**
 * A frame from a client. {@code {"content":"hi"}} without a type is the short form of
 * SEND. Anything that is not a JSON object with a known type and fields of the right JSON
 * types is malformed.
 */
sealed interface ClientFrame {

	/** The room a {@code /ws} frame names; null on {@code /room/{id}}. */
	@Nullable Long roomId();

	record Send(@Nullable Long roomId, @Nullable String content, @Nullable String clientMessageId,
			@Nullable Long attachmentId) implements ClientFrame {
	}

	record Typing(@Nullable Long roomId, boolean active) implements ClientFrame {
	}

	record Read(@Nullable Long roomId, long seq) implements ClientFrame {
	}

	record Ping(@Nullable Long roomId) implements ClientFrame {
	}

	record Subscribe(@Nullable Long roomId, @Nullable Long since) implements ClientFrame {
	}

	record Unsubscribe(@Nullable Long roomId) implements ClientFrame {
	}

	/**
	 * Parses a text frame; throws {@link Malformed} with a message a client can act on.
	 */
	static ClientFrame parse(JsonMapper json, String text) {
		JsonNode node;
		try {
			node = json.readTree(text);
		}
		catch (Text.UnstorableException ex) {
			throw new Malformed(ex.getOriginalMessage(), Malformed.storableClientMessageId(text));
		}
		catch (RuntimeException ex) {
			throw new Malformed("The frame is not JSON.", null);
		}
		if (node == null || !node.isObject()) {
			throw new Malformed("A frame is a JSON object.", null);
		}
		String clientMessageId = optionalText(node, "clientMessageId", null);
		Long roomId = optionalLong(node, "roomId", clientMessageId);
		JsonNode type = node.get("type");
		if (type == null || type.isNull()) {
			if (node.has("content")) {
				return new Send(roomId, optionalText(node, "content", clientMessageId), clientMessageId, null);
			}
			throw new Malformed("The frame has no type.", clientMessageId);
		}
		if (!type.isString()) {
			throw new Malformed("Field 'type' must be a string.", clientMessageId);
		}
		return switch (type.asString()) {
			case "SEND" -> new Send(roomId, optionalText(node, "content", clientMessageId), clientMessageId,
					optionalLong(node, "attachmentId", clientMessageId));
			case "TYPING" -> new Typing(roomId, requiredBoolean(node, "active"));
			case "READ" -> new Read(roomId, requiredLong(node, "seq"));
			case "PING" -> new Ping(roomId);
			case "SUBSCRIBE" -> new Subscribe(roomId, optionalLong(node, "since", null));
			case "UNSUBSCRIBE" -> new Unsubscribe(roomId);
			default -> throw new Malformed("Unknown frame type '" + type.asString() + "'.", clientMessageId);
		};
	}

	private static @Nullable String optionalText(JsonNode node, String field, @Nullable String clientMessageId) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new Malformed("Field '" + field + "' must be a string.", clientMessageId);
		}
		return value.asString();
	}

	private static @Nullable Long optionalLong(JsonNode node, String field, @Nullable String clientMessageId) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw new Malformed("Field '" + field + "' must be an integer.", clientMessageId);
		}
		return value.asLong();
	}

	private static long requiredLong(JsonNode node, String field) {
		Long value = optionalLong(node, field, null);
		if (value == null) {
			throw new Malformed("Field '" + field + "' is required.", null);
		}
		return value;
	}

	private static boolean requiredBoolean(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isBoolean()) {
			throw new Malformed("Field '" + field + "' must be true or false.", null);
		}
		return value.asBoolean();
	}

	/** A frame that cannot be understood. */
	final class Malformed extends RuntimeException {

		private final @Nullable String clientMessageId;

		Malformed(String message, @Nullable String clientMessageId) {
			super(message, null, false, false);
			this.clientMessageId = clientMessageId;
		}

		@Nullable String clientMessageId() {
			return this.clientMessageId;
		}

		/** Reads a refused frame again without the text rules, only for its id. */
		private static final JsonMapper LENIENT = JsonMapper.builder().build();

		/**
		 * The frame's {@code clientMessageId} when it is itself storable text, so that a
		 * send refused for other unstorable text still names the send it refuses.
		 */
		private static @Nullable String storableClientMessageId(String text) {
			try {
				JsonNode id = LENIENT.readTree(text).get("clientMessageId");
				return (id != null && id.isString() && Text.storable(id.asString())) ? id.asString() : null;
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

}

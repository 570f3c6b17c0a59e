package io.parley.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Small readings of {@link TestSocket} traffic shared by the realtime tests.
 */
public final class SocketFrames {

	private SocketFrames() {
	}

	/** A SEND frame. */
	public static String send(String content, String clientMessageId) {
		return "{\"type\":\"SEND\",\"content\":\"" + content + "\",\"clientMessageId\":\"" + clientMessageId + "\"}";
	}

	/** A SEND frame to one of the rooms of a {@code /ws} socket. */
	public static String send(long roomId, String content, String clientMessageId) {
		return "{\"type\":\"SEND\",\"roomId\":" + roomId + ",\"content\":\"" + content + "\",\"clientMessageId\":\""
				+ clientMessageId + "\"}";
	}

	/** The types of the frames up to and including the first of {@code type}. */
	public static List<String> typesUntil(TestSocket socket, String type) {
		List<String> types = new ArrayList<>();
		while (true) {
			String next = socket.next().get("type").asString();
			types.add(next);
			if (next.equals(type)) {
				return types;
			}
		}
	}

	/**
	 * Reads {@code count} NEW_MESSAGE frames and asserts they carry the seqs
	 * {@code first}, {@code first+1}, ... with nothing else in between but non-message
	 * frames.
	 */
	public static void expectSeqs(TestSocket socket, long first, int count) {
		for (long seq = first; seq < first + count; seq++) {
			JsonNode message = socket.next("NEW_MESSAGE");
			long actual = message.get("data").get("seq").asLong();
			if (actual != seq) {
				throw new AssertionError("Expected seq " + seq + " but got " + actual + " (gap or duplicate)");
			}
		}
	}

	public static long seq(JsonNode frame) {
		return frame.get("data").get("seq").asLong();
	}

}

package io.parley.realtime;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What travels on a room's bus topic: a small header the fan-out acts on, then the
 * frame's JSON exactly as sockets receive it (serialized once, by the instance where the
 * event happened, for every socket of the cluster).
 *
 * @param kind what the fan-out does with it
 * @param seq the message seq for {@link Kind#MESSAGE}, else 0
 * @param actorUserId the user who caused it (excluded for {@link Kind#TO_OTHERS}, removed
 * for {@link Kind#REMOVE_MEMBER}), else 0
 * @param origin the connection a message came from (it gets an ACK instead), else 0
 * @param frame the server frame, UTF-8 JSON; may be empty for control envelopes
 */
record Envelope(Kind kind, long seq, long actorUserId, long origin, byte[] frame) {

	private static final int HEADER = 1 + 8 + 8 + 8;

	private static final String[] REASONS = { "", "removed", "left" };

	/** The {@code seq} a {@link Kind#REMOVE_MEMBER} envelope carries for a reason. */
	static long reasonCode(String reason) {
		return "left".equals(reason) ? 2 : 1;
	}

	static String reasonOf(long code) {
		return REASONS[(int) Math.max(1, Math.min(2, code))];
	}

	byte[] encode() {
		return ByteBuffer.allocate(HEADER + this.frame.length)
			.put((byte) this.kind.ordinal())
			.putLong(this.seq)
			.putLong(this.actorUserId)
			.putLong(this.origin)
			.put(this.frame)
			.array();
	}

	static Envelope decode(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		Kind kind = Kind.values()[buffer.get()];
		long seq = buffer.getLong();
		long actor = buffer.getLong();
		long origin = buffer.getLong();
		return new Envelope(kind, seq, actor, origin, Arrays.copyOfRange(bytes, HEADER, bytes.length));
	}

	/** What the fan-out does with an envelope. */
	enum Kind {

		/** A new message: delivered in seq order, gaps filled from the database. */
		MESSAGE,
		/** Delivered to every connection in the room. */
		TO_ALL,
		/** Delivered to every connection but the one it came from ({@code origin}). */
		TO_ALL_BUT_ORIGIN,
		/** Delivered to the connections of every user but the actor. */
		TO_OTHERS,
		/**
		 * The actor left or was removed: their connections lose the room (others hear of
		 * it by a {@link #TO_ALL} MEMBER_LEFT that follows).
		 */
		REMOVE_MEMBER,
		/** The room is gone: every connection loses it. */
		DELETE_ROOM,
		/**
		 * Control topic: the login session in {@code seq} ended; its connections close
		 * with 4401.
		 */
		END_SESSION,
		/**
		 * Presence topic: the actor came online ({@code seq} 1) or went offline (0) in
		 * the cluster.
		 */
		PRESENCE

	}

}

package io.parley.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection's place in one room's stream. It first replays history from the database
 * (messages {@code since+1..lastSeq}) while holding live traffic back, then releases the
 * held frames, dropping messages the replay already sent: no gap and no duplicate.
 */
final class Subscription {

	private final Connection connection;

	private final long roomId;

	private final long since;

	private boolean replaying = true;

	private long lastSeq;

	private final List<Held> held = new ArrayList<>();

	Subscription(Connection connection, long roomId, long since) {
		this.connection = connection;
		this.roomId = roomId;
		this.since = since;
	}

	Connection connection() {
		return this.connection;
	}

	long roomId() {
		return this.roomId;
	}

	/** The seq after which the client wants history, or -1 for live traffic only. */
	long since() {
		return this.since;
	}

	long userId() {
		return this.connection.userId();
	}

	/** A message frame from the room's ordered stream. */
	synchronized void deliverMessage(long seq, long origin, byte[] frame) {
		if (this.replaying) {
			hold(new Held(seq, origin, frame));
			return;
		}
		if (seq <= this.lastSeq) {
			return;
		}
		this.lastSeq = seq;
		if (origin != this.connection.id()) {
			this.connection.send(frame);
		}
	}

	/** Any other frame. */
	synchronized void deliver(byte[] frame) {
		if (this.replaying) {
			hold(new Held(0, 0, frame));
			return;
		}
		this.connection.send(frame);
	}

	/** A replayed message (sent during the replay, straight to the client). */
	void replayed(byte[] frame) {
		this.connection.send(frame);
	}

	/** Ends the replay at {@code lastSeq} and releases what was held. */
	synchronized void goLive(long lastSeq) {
		this.lastSeq = lastSeq;
		this.replaying = false;
		for (Held frame : this.held) {
			if (frame.seq() == 0) {
				this.connection.send(frame.frame());
			}
			else if (frame.seq() > this.lastSeq) {
				this.lastSeq = frame.seq();
				if (frame.origin() != this.connection.id()) {
					this.connection.send(frame.frame());
				}
			}
		}
		this.held.clear();
	}

	/** Live traffic held back during a replay is bounded like the outbound queue. */
	private void hold(Held frame) {
		if (this.held.size() >= this.connection.capacity()) {
			this.held.clear();
			this.connection.close(Connection.TOO_SLOW);
			return;
		}
		this.held.add(frame);
	}

	private record Held(long seq, long origin, byte[] frame) {
	}

}

package io.parley.message;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * How many of the writers' batches are stored at once. One at a time while the queues are
 * short, so that sends arriving meanwhile gather into the next batch (a batch costs
 * PostgreSQL about the same for one row as for twenty); a writer whose queue has grown to
 * {@code spreadAt} sends may run beside the others, up to {@code max} at once, so a heavy
 * load still uses every writer.
 * <p>
 * A writer refused a slot waits in line and is handed the next free slot in turn, so no
 * writer starves; if no batch has started for {@code stallNanos} (one is waiting for a
 * lock), a waiting writer may take a free slot beside it ({@link #overdue}). Whoever
 * holds a writer's place in line owns it: {@link #release()}, {@link #spread} and
 * {@link #overdue} give it to exactly one caller.
 */
final class WriterSlots<W> {

	private final int max;

	private final int spreadAt;

	private final long stallNanos;

	private final Deque<W> waiting = new ArrayDeque<>();

	private int inUse;

	private long lastStartNanos;

	WriterSlots(int max, int spreadAt, long stallNanos) {
		this.max = max;
		this.spreadAt = spreadAt;
		this.stallNanos = stallNanos;
	}

	/**
	 * A slot for a writer with {@code queued} sends: true if taken; false if it waits in
	 * line (once), to be handed a slot by {@link #release()}, {@link #spread} or
	 * {@link #overdue}.
	 */
	synchronized boolean take(W writer, int queued, long nowNanos) {
		if (this.inUse == 0 || (this.inUse < this.max && queued >= this.spreadAt)) {
			start(nowNanos);
			return true;
		}
		if (!this.waiting.contains(writer)) {
			this.waiting.addLast(writer);
		}
		return false;
	}

	/**
	 * Gives a slot back and hands it to the first writer in line, if any: that writer now
	 * holds a slot and its caller must write for it.
	 */
	synchronized @Nullable W release(long nowNanos) {
		W next = this.waiting.pollFirst();
		if (next == null) {
			this.inUse--;
		}
		else {
			this.lastStartNanos = nowNanos;
		}
		return next;
	}

	/**
	 * A waiting writer whose queue reached {@code queued}: true if it left the line with
	 * a slot (its caller must write for it), false if it waits on (or was not waiting).
	 */
	synchronized boolean spread(W writer, int queued, long nowNanos) {
		if (queued >= this.spreadAt && this.inUse < this.max && this.waiting.remove(writer)) {
			start(nowNanos);
			return true;
		}
		return false;
	}

	/**
	 * A waiting writer asking again: true if it left the line with a slot because no
	 * batch has started for {@code stallNanos} and a slot is free (its caller must write
	 * for it); false otherwise.
	 */
	synchronized boolean overdue(W writer, long nowNanos) {
		if (nowNanos - this.lastStartNanos >= this.stallNanos && this.inUse < this.max && this.waiting.remove(writer)) {
			start(nowNanos);
			return true;
		}
		return false;
	}

	synchronized boolean isWaiting(W writer) {
		return this.waiting.contains(writer);
	}

	synchronized int inUse() {
		return this.inUse;
	}

	private void start(long nowNanos) {
		this.inUse++;
		this.lastStartNanos = nowNanos;
	}

}

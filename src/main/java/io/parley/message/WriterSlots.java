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
 * writer starves. Whoever holds a writer's place in line owns it: {@link #release()} and
 * {@link #spread} give it to exactly one caller.
 */
final class WriterSlots<W> {

	private final int max;

	private final int spreadAt;

	private final Deque<W> waiting = new ArrayDeque<>();

	private int inUse;

	WriterSlots(int max, int spreadAt) {
		this.max = max;
		this.spreadAt = spreadAt;
	}

	/**
	 * A slot for a writer with {@code queued} sends: true if taken; false if it waits in
	 * line (once), to be handed a slot by {@link #release()} or {@link #spread}.
	 */
	synchronized boolean take(W writer, int queued) {
		if (this.inUse == 0 || (this.inUse < this.max && queued >= this.spreadAt)) {
			this.inUse++;
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
	synchronized @Nullable W release() {
		W next = this.waiting.pollFirst();
		if (next == null) {
			this.inUse--;
		}
		return next;
	}

	/**
	 * A waiting writer whose queue reached {@code queued}: true if it left the line with
	 * a slot (its caller must write for it), false if it waits on (or was not waiting).
	 */
	synchronized boolean spread(W writer, int queued) {
		if (queued >= this.spreadAt && this.inUse < this.max && this.waiting.remove(writer)) {
			this.inUse++;
			return true;
		}
		return false;
	}

	/**
	 * A writer that has waited its longest: true if it left the line with a slot (its
	 * caller must write for it), whatever its queue, so that a batch that takes long
	 * (waiting for a lock) never holds the other writers up; false if all slots are in
	 * use (or it was not waiting).
	 */
	synchronized boolean overdue(W writer) {
		if (this.inUse < this.max && this.waiting.remove(writer)) {
			this.inUse++;
			return true;
		}
		return false;
	}

	synchronized int inUse() {
		return this.inUse;
	}

}

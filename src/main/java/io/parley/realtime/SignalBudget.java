package io.parley.realtime;

/**
 * How many signal frames (TYPING that changes what the room sees) one socket may send: a
 * sustained rate with a burst on top, as a generic cell rate algorithm (one number per
 * socket). Used by the socket's frame handling only, one frame at a time.
 */
final class SignalBudget {

	private final long intervalNanos;

	private final long toleranceNanos;

	/** When the socket's next signal would be due at the sustained rate. */
	private long due;

	SignalBudget(int perSecond, int burst) {
		this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
		this.toleranceNanos = this.intervalNanos * (Math.max(1, burst) - 1);
		this.due = System.nanoTime();
	}

	/** Takes one signal from the budget; false when it is spent for now. */
	boolean tryTake(long nowNanos) {
		long next = Math.max(this.due, nowNanos);
		if (next - nowNanos > this.toleranceNanos) {
			return false;
		}
		this.due = next + this.intervalNanos;
		return true;
	}

}

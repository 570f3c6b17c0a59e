package io.parley.realtime;

/**
 * How many TYPING changes one socket may make: starts (on after off) at a sustained rate
 * with a burst on top, as a generic cell rate algorithm (one number per socket); a stop
 * always passes, so at most one follows each start. Used by the socket's frame handling
 * only, one frame at a time.
 */
final class TypingBudget {

	private final long intervalNanos;

	private final long toleranceNanos;

	/** When the socket's next change would be due at the sustained rate. */
	private long due;

	TypingBudget(int perSecond, int burst) {
		this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
		this.toleranceNanos = this.intervalNanos * (Math.max(1, burst) - 1);
		this.due = System.nanoTime();
	}

	/** Takes one change from the budget; false when it is spent for now. */
	boolean tryTake(long nowNanos) {
		long next = Math.max(this.due, nowNanos);
		if (next - nowNanos > this.toleranceNanos) {
			return false;
		}
		this.due = next + this.intervalNanos;
		return true;
	}

}

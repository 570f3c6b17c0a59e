package io.parley.realtime;

import java.time.Duration;

/**
 * Spreads periodic work over its period: a timer ticks {@link #COUNT} times per period
 * and each tick handles the keys of one slice. Pinging 10,000 sockets (or renewing their
 * users' presence) in one burst delays every message behind it; in slices each burst is a
 * tenth of that, and each key is still handled once per period.
 */
final class Slices {

	static final int COUNT = 10;

	private Slices() {
	}

	/** How often the timer of work done once per {@code period} ticks. */
	static Duration tick(Duration period) {
		return period.dividedBy(COUNT);
	}

	/** Whether {@code key} is handled at this tick. */
	static boolean due(long key, long tick) {
		return Math.floorMod(key, COUNT) == Math.floorMod(tick, COUNT);
	}

}

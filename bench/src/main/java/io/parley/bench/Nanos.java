package io.parley.bench;

/**
 * One clock for send stamps and arrivals: nanoseconds since this JVM started the tool
 * (always positive, unlike {@link System#nanoTime()}).
 */
final class Nanos {

	private static final long ORIGIN = System.nanoTime() - 1;

	private Nanos() {
	}

	static long now() {
		return System.nanoTime() - ORIGIN;
	}

}

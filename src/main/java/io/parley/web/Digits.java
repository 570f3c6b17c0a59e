package io.parley.web;

/**
 * Reads a non-negative whole number written as ASCII digits only: no sign, no spaces, no
 * other scripts' digits (which {@link Long#parseLong} would take), at most what a
 * {@code long} holds.
 */
public final class Digits {

	private Digits() {
	}

	/** The number, or -1 when {@code raw} is not one. */
	public static long parse(String raw) {
		if (raw.isEmpty() || raw.length() > 19) {
			return -1;
		}
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
		}
		try {
			return Long.parseLong(raw);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}

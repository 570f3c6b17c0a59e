package io.parley.web;

import tools.jackson.core.exc.StreamReadException;

/**
 * Rules for text from clients. Lengths count Unicode code points (an emoji is one
 * character, as PostgreSQL counts). Text that PostgreSQL cannot store (NUL) or that is
 * not Unicode (an unpaired surrogate) is refused, not stored altered.
 */
public final class Text {

	/** What is wrong with text that {@link #storable} refuses. */
	public static final String UNSTORABLE = "must not contain NUL characters or unpaired surrogates";

	private Text() {
	}

	/** The length in characters (code points). */
	public static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	/** Whether {@code text} has no NUL and no unpaired surrogate. */
	public static boolean storable(String text) {
		return check(text, false);
	}

	/**
	 * Whether {@code text} is storable and has no control characters (query parameters).
	 */
	public static boolean plain(String text) {
		return check(text, true);
	}

	private static boolean check(String text, boolean noControls) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0 || (noControls && Character.isISOControl(c))) {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A JSON string that {@link #storable} refuses; the request or frame is malformed.
	 */
	public static final class UnstorableException extends StreamReadException {

		public UnstorableException() {
			super("Text " + UNSTORABLE + ".");
		}

	}

}

package io.parley.room;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Room slugs: 3 to 64 of {@code [a-z0-9-]}, unique. A room created without one gets one
 * made from its name.
 */
final class Slugs {

	static final Pattern VALID = Pattern.compile("[a-z0-9-]{3,64}");

	/**
	 * Derived slugs stop here, leaving room for a {@code -N} suffix within the 64
	 * characters.
	 */
	static final int MAX_DERIVED = 56;

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern OTHERS = Pattern.compile("[^a-z0-9]+");

	private Slugs() {
	}

	/**
	 * The slug a name suggests: accents dropped, lower-case, every run of other
	 * characters one {@code -}, no {@code -} at either end; padded with {@code room} when
	 * shorter than 3 characters ({@code "Ça va?"} gives {@code ca-va}, {@code "!!"} gives
	 * {@code room}).
	 */
	static String fromName(String name) {
		String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
		String slug = trimDashes(OTHERS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-"));
		if (slug.length() > MAX_DERIVED) {
			slug = trimDashes(slug.substring(0, MAX_DERIVED));
		}
		if (slug.isEmpty()) {
			return "room";
		}
		return (slug.length() < 3) ? slug + "-room" : slug;
	}

	/**
	 * The first of {@code base}, {@code base-2}, {@code base-3}… not in {@code taken}.
	 */
	static String firstFree(String base, Collection<String> taken) {
		if (!taken.contains(base)) {
			return base;
		}
		int suffix = 2;
		while (taken.contains(base + "-" + suffix)) {
			suffix++;
		}
		return base + "-" + suffix;
	}

	private static String trimDashes(String slug) {
		int start = 0;
		int end = slug.length();
		while (start < end && slug.charAt(start) == '-') {
			start++;
		}
		while (end > start && slug.charAt(end - 1) == '-') {
			end--;
		}
		return slug.substring(start, end);
	}

}

package io.parley.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The API's timestamps, ISO-8601 in UTC with milliseconds
 * ({@code 2026-11-22T21:30:05.123Z}), written digit by digit: every message frame carries
 * one, and {@link DateTimeFormatter} formats the fraction through a {@code BigDecimal}.
 * Years outside 0000-9999 go through {@link #PATTERN}, which writes them as it does.
 */
final class UtcTimestamps {

	static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	static final int LENGTH = 24;

	private static final int SECONDS_PER_DAY = 86_400;

	private UtcTimestamps() {
	}

	/**
	 * Writes the timestamp into {@code text} ({@link #LENGTH} chars); false, writing
	 * nothing, for a year that needs more or fewer than four digits.
	 */
	static boolean write(Instant instant, char[] text) {
		long seconds = instant.getEpochSecond();
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
		if (date.getYear() < 0 || date.getYear() > 9999) {
			return false;
		}
		int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
		digits(text, 0, date.getYear(), 4);
		text[4] = '-';
		digits(text, 5, date.getMonthValue(), 2);
		text[7] = '-';
		digits(text, 8, date.getDayOfMonth(), 2);
		text[10] = 'T';
		digits(text, 11, secondOfDay / 3600, 2);
		text[13] = ':';
		digits(text, 14, secondOfDay / 60 % 60, 2);
		text[16] = ':';
		digits(text, 17, secondOfDay % 60, 2);
		text[19] = '.';
		digits(text, 20, instant.getNano() / 1_000_000, 3);
		text[23] = 'Z';
		return true;
	}

	private static void digits(char[] text, int at, int value, int count) {
		for (int i = at + count - 1; i >= at; i--) {
			text[i] = (char) ('0' + value % 10);
			value /= 10;
		}
	}

}

package io.parley.config;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UtcTimestampsTests {

	@ParameterizedTest
	@ValueSource(strings = { "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:34:56.789Z",
			"2026-11-22T21:30:05.000999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
			"2000-03-01T09:05:07.1Z" })
	void writesWhatThePatternWrites(String text) {
		assertSameAsPattern(Instant.parse(text));
	}

	@Test
	void writesWhatThePatternWritesForRandomInstantsOfFourDigitYears() {
		SplittableRandom random = new SplittableRandom(20261122);
		long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 100_000; i++) {
			assertSameAsPattern(Instant.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000)));
		}
	}

	@Test
	void leavesYearsOfOtherLengthsToThePattern() {
		char[] text = new char[UtcTimestamps.LENGTH];
		assertThat(UtcTimestamps.write(Instant.parse("+10000-01-01T00:00:00Z"), text)).isFalse();
		assertThat(UtcTimestamps.write(Instant.parse("-0001-12-31T23:59:59Z"), text)).isFalse();
	}

	private static void assertSameAsPattern(Instant instant) {
		char[] text = new char[UtcTimestamps.LENGTH];
		assertThat(UtcTimestamps.write(instant, text)).isTrue();
		assertThat(new String(text)).as(instant.toString()).isEqualTo(UtcTimestamps.PATTERN.format(instant));
	}

}

package io.parley.bench;

import org.HdrHistogram.Histogram;

/** Formatting shared by the scenarios. */
final class Report {

	private Report() {
	}

	/** p50/p99/p999/max of a histogram of microseconds, in milliseconds. */
	static String latency(Histogram micros) {
		if (micros.getTotalCount() == 0) {
			return "no samples";
		}
		return String.format("p50 %s  p99 %s  p99.9 %s  max %s ms  (n=%,d)", ms(micros.getValueAtPercentile(50)),
				ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()),
				micros.getTotalCount());
	}

	static String ms(long micros) {
		return (micros < 10_000) ? String.format("%.2f", micros / 1000.0) : String.format("%.0f", micros / 1000.0);
	}

	static String mb(double bytes) {
		return (bytes < 0) ? "n/a" : String.format("%.1f MB", bytes / 1024 / 1024);
	}

	static Histogram histogram() {
		return new Histogram(3_600_000_000L, 3);
	}

}

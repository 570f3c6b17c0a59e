package io.parley.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

/**
 * {@code java -jar parley-bench.jar fanout|acks|idle|history [--option value ...]}: see
 * {@code docs/performance.md}.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		// a load generator needs no leak reports: sampled leak tracking took ~3% of the
		// tool's CPU (a stack trace per sampled buffer), which the server then lacks
		if (System.getProperty("io.netty.leakDetection.level") == null) {
			System.setProperty("io.netty.leakDetection.level", "disabled");
		}
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("parley-bench: " + ex.getMessage());
			System.err.println("usage: java -jar parley-bench.jar fanout|acks|idle|history [--rooms R] [--members M] "
					+ "[--rate N] [--duration 30s] [--server-pid PID] ... (docs/performance.md)");
			System.exit(2);
			return;
		}
		System.out.println("parley-bench " + options.describe() + " at " + java.time.Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores");
		// the collectors shape the latencies: each run says which ran
		System.out.println("  tool GC: " + ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", ")) + ((options.serverPid() > 0)
					? "; server JVM options: " + ServerProbe.jvmOptions(options.serverPid()) : ""));
		switch (options.scenario) {
			case "fanout", "acks" -> new Fanout(options).run();
			case "idle" -> new Idle(options).run();
			case "history" -> new History(options).run();
			default -> throw new IllegalStateException(options.scenario);
		}
		System.exit(0);
	}

}

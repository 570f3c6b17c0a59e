package io.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What the machine and the server spend: CPU ticks of the server process, of this
 * process, of every {@code postgres} and {@code redis-server} process and of the whole
 * machine (from {@code /proc}), the server's RSS, and its JVM heap, direct buffers and GC
 * pauses from {@code /actuator/prometheus}.
 */
final class ServerProbe {

	/** {@code getconf CLK_TCK} on Linux/x86-64. */
	static final double TICKS_PER_SECOND = 100.0;

	private final long pid;

	private final URI prometheus;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	ServerProbe(long pid, String host, int port) {
		this.pid = pid;
		this.prometheus = URI.create("http://" + host + ":" + port + "/actuator/prometheus");
	}

	boolean hasPid() {
		return this.pid > 0;
	}

	Snapshot snapshot() {
		long[] machine = machineTicks();
		return new Snapshot(System.nanoTime(), (this.pid > 0) ? processTicks(Path.of("/proc", Long.toString(this.pid)))
				: -1, processTicks(Path.of("/proc/self")), ticksOf("postgres"), ticksOf("redis-server"), machine[0],
				machine[1], (this.pid > 0) ? rssKb() : -1, Metrics.scrape(this.http, this.prometheus));
	}

	/** Asks the server JVM for a full GC, so heap readings compare live data only. */
	void fullGc() {
		if (this.pid <= 0) {
			return;
		}
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(this.pid), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
			Thread.sleep(500);
		}
		catch (IOException ex) {
			System.out.println("  (no jcmd: heap readings include garbage)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long rssKb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException ex) {
			// gone
		}
		return -1;
	}

	/**
	 * The options the server JVM runs with, as it reports them ({@code jcmd
	 * VM.command_line}: command line, {@code JAVA_TOOL_OPTIONS} and argument files alike).
	 */
	static String jvmOptions(long pid) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.command_line")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
			return output.lines()
				.filter((line) -> line.startsWith("jvm_args:"))
				.map((line) -> line.substring("jvm_args:".length()).strip())
				.findFirst()
				.orElse("(none)");
		}
		catch (IOException ex) {
			return "(unknown: " + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "(unknown)";
		}
	}

	/** utime + stime of one process, in clock ticks. */
	static long processTicks(Path proc) {
		try {
			String stat = Files.readString(proc.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static long ticksOf(String command) {
		long total = 0;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path proc : (Iterable<Path>) processes::iterator) {
				if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					if (Files.readString(proc.resolve("comm")).strip().equals(command)) {
						total += processTicks(proc);
					}
				}
				catch (IOException ex) {
					// exited meanwhile
				}
			}
		}
		catch (IOException ex) {
			return 0;
		}
		return total;
	}

	/** Busy and total ticks of all CPUs. */
	private static long[] machineTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
			long total = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				total += Long.parseLong(fields[i]);
			}
			long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
			return new long[] { total - idle, total };
		}
		catch (IOException ex) {
			return new long[] { 0, 1 };
		}
	}

	/** One reading of everything. */
	record Snapshot(long nanos, long serverTicks, long selfTicks, long postgresTicks, long redisTicks,
			long machineBusy, long machineTotal, long serverRssKb, Metrics metrics) {

		/** CPU used between two snapshots, as % of one core. */
		static double percent(long ticksBefore, long ticksAfter, long nanosBetween) {
			return (ticksAfter - ticksBefore) / TICKS_PER_SECOND / (nanosBetween / 1e9) * 100;
		}

		String cpuLine(Snapshot after) {
			long nanos = after.nanos - this.nanos;
			String server = (this.serverTicks >= 0)
					? String.format("server %.0f%%", percent(this.serverTicks, after.serverTicks, nanos)) : "server n/a";
			double machine = 100.0 * (after.machineBusy - this.machineBusy)
					/ Math.max(1, after.machineTotal - this.machineTotal);
			return String.format("%s, postgres %.0f%%, redis %.0f%%, this tool %.0f%% (of one core); machine busy %.0f%%",
					server, percent(this.postgresTicks, after.postgresTicks, nanos),
					percent(this.redisTicks, after.redisTicks, nanos), percent(this.selfTicks, after.selfTicks, nanos),
					machine);
		}

		/** Server CPU seconds between two snapshots. */
		double serverCpuSeconds(Snapshot after) {
			return (after.serverTicks - this.serverTicks) / TICKS_PER_SECOND;
		}

	}

	/** The few Prometheus figures the reports use; -1 where unavailable. */
	record Metrics(double heapUsed, double nonHeapUsed, double directUsed, double gcPauseSeconds, double gcPauses,
			double liveThreads) {

		static final Metrics NONE = new Metrics(-1, -1, -1, -1, -1, -1);

		static Metrics scrape(HttpClient http, URI uri) {
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					return NONE;
				}
				double heap = 0, nonHeap = 0, direct = 0, pause = 0, pauses = 0, threads = -1;
				for (String line : response.body().split("\n")) {
					if (line.startsWith("#")) {
						continue;
					}
					double value;
					try {
						value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
					}
					catch (NumberFormatException ex) {
						continue;
					}
					if (line.startsWith("jvm_memory_used_bytes{")) {
						if (line.contains("area=\"heap\"")) {
							heap += value;
						}
						else {
							nonHeap += value;
						}
					}
					else if (line.startsWith("jvm_buffer_memory_used_bytes{") && line.contains("id=\"direct\"")) {
						direct += value;
					}
					else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
						pause += value;
					}
					else if (line.startsWith("jvm_gc_pause_seconds_count{")) {
						pauses += value;
					}
					else if (line.startsWith("jvm_threads_live_threads")) {
						threads = value;
					}
				}
				return new Metrics(heap, nonHeap, direct, pause, pauses, threads);
			}
			catch (IOException ex) {
				return NONE;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return NONE;
			}
		}

	}

}

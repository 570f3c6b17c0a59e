package io.parley.support;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints the stacks of every thread of the test JVM when a test (or one of its lifecycle
 * methods) fails because something it waited for timed out: a blocking read of
 * WebTestClient or {@code Mono.block(Duration)}, a {@link TimeoutException} (JUnit's
 * {@code @Timeout}, Reactor's {@code timeout}) or an Awaitility condition. A hang in the
 * server, its event loops or the client's connection pool shows in the test output as it
 * was when the wait gave up, not only as a timeout. Each thread's stack is followed by
 * the CPU time it used in the half second after the timeout: a busy event loop and a
 * blocked one look alike otherwise. The JVM's TCP connections and their queues follow
 * (Linux): whether a request or response that was waited for sits unread in a socket.
 *
 * <p>
 * Registered for every test class by JUnit's extension auto-detection (see
 * {@code META-INF/services} and {@code junit-platform.properties}). Passing tests never
 * reach it; failures are rethrown unchanged.
 */
public final class ThreadDumpOnTimeout
		implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

	private static final String BLOCKING_READ_TIMEOUT = "Timeout on blocking read";

	private static final long CPU_SAMPLE_MILLIS = 500;

	private final PrintStream out;

	public ThreadDumpOnTimeout() {
		this(System.err);
	}

	ThreadDumpOnTimeout(PrintStream out) {
		this.out = out;
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw dumpIfTimeout(context, failure);
	}

	@Override
	public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw dumpIfTimeout(context, failure);
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw dumpIfTimeout(context, failure);
	}

	@Override
	public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw dumpIfTimeout(context, failure);
	}

	@Override
	public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw dumpIfTimeout(context, failure);
	}

	private Throwable dumpIfTimeout(ExtensionContext context, Throwable failure) {
		if (isTimeout(failure)) {
			try {
				print(this.out, "Thread dump of the test JVM after " + context.getDisplayName() + " in "
						+ context.getTestClass().map(Class::getName).orElse("?") + " timed out: " + failure);
			}
			catch (RuntimeException | LinkageError ex) {
				failure.addSuppressed(ex);
			}
		}
		return failure;
	}

	/**
	 * Whether {@code failure}, one of its causes or suppressed exceptions is a timeout.
	 */
	static boolean isTimeout(Throwable failure) {
		return isTimeout(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private static boolean isTimeout(Throwable failure, Set<Throwable> seen) {
		if (!seen.add(failure)) {
			return false;
		}
		if (failure instanceof TimeoutException || failure instanceof ConditionTimeoutException
				|| (failure instanceof IllegalStateException && failure.getMessage() != null
						&& failure.getMessage().startsWith(BLOCKING_READ_TIMEOUT))) {
			return true;
		}
		if (failure.getCause() != null && isTimeout(failure.getCause(), seen)) {
			return true;
		}
		return Arrays.stream(failure.getSuppressed()).anyMatch((suppressed) -> isTimeout(suppressed, seen));
	}

	/** Prints all threads' stacks, with monitors and locks, like {@code jstack -l}. */
	static void print(PrintStream out, String title) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<Long, Long> cpuBefore = cpuTimes(threads);
		sleep(CPU_SAMPLE_MILLIS);
		Map<Long, Long> cpuAfter = cpuTimes(threads);
		ThreadInfo[] infos = threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(),
				threads.isSynchronizerUsageSupported());
		Arrays.sort(infos, Comparator.comparing(ThreadInfo::getThreadName));
		StringBuilder dump = new StringBuilder(64 * 1024);
		dump.append("==== ").append(title).append('\n');
		dump.append("==== ").append(Instant.now()).append(", ").append(infos.length).append(" threads\n");
		long[] deadlocked = threads.findDeadlockedThreads();
		if (deadlocked != null) {
			dump.append("==== DEADLOCK between threads ").append(Arrays.toString(deadlocked)).append('\n');
		}
		for (ThreadInfo info : infos) {
			append(dump, info, cpuBefore.get(info.getThreadId()), cpuAfter.get(info.getThreadId()));
		}
		appendSockets(dump);
		dump.append("==== end of thread dump\n");
		synchronized (out) {
			out.print(dump);
			out.flush();
		}
	}

	private static void append(StringBuilder dump, ThreadInfo info, Long cpuBefore, Long cpuAfter) {
		dump.append('"')
			.append(info.getThreadName())
			.append("\" #")
			.append(info.getThreadId())
			.append(info.isDaemon() ? " daemon" : "")
			.append(" prio=")
			.append(info.getPriority())
			.append(' ')
			.append(info.getThreadState());
		if (info.isSuspended()) {
			dump.append(" (suspended)");
		}
		if (info.isInNative()) {
			dump.append(" (in native)");
		}
		if (cpuBefore != null && cpuAfter != null && cpuBefore >= 0 && cpuAfter >= 0) {
			dump.append(" cpu=")
				.append(cpuAfter / 1_000_000)
				.append("ms (+")
				.append((cpuAfter - cpuBefore) / 1_000_000)
				.append("ms in the last ")
				.append(CPU_SAMPLE_MILLIS)
				.append("ms)");
		}
		dump.append('\n');
		StackTraceElement[] stack = info.getStackTrace();
		MonitorInfo[] monitors = info.getLockedMonitors();
		for (int depth = 0; depth < stack.length; depth++) {
			dump.append("\tat ").append(stack[depth]).append('\n');
			if (depth == 0 && info.getLockInfo() != null) {
				dump.append("\t- ").append(waitVerb(info.getThreadState())).append(' ').append(info.getLockInfo());
				if (info.getLockOwnerName() != null) {
					dump.append(" owned by \"")
						.append(info.getLockOwnerName())
						.append("\" #")
						.append(info.getLockOwnerId());
				}
				dump.append('\n');
			}
			for (MonitorInfo monitor : monitors) {
				if (monitor.getLockedStackDepth() == depth) {
					dump.append("\t- locked ").append(monitor).append('\n');
				}
			}
		}
		LockInfo[] synchronizers = info.getLockedSynchronizers();
		if (synchronizers.length > 0) {
			dump.append("\tLocked ownable synchronizers:\n");
			for (LockInfo synchronizer : synchronizers) {
				dump.append("\t- ").append(synchronizer).append('\n');
			}
		}
		dump.append('\n');
	}

	/**
	 * The TCP connections of this JVM (client and server ends alike, as both run here)
	 * with their queues, from {@code /proc} on Linux: bytes a socket received that nobody
	 * read yet show whether a request or response is stuck in the kernel (a side that
	 * stopped reading) or never arrived (a side that never sent it).
	 */
	private static void appendSockets(StringBuilder dump) {
		dump.append("==== TCP sockets of this JVM (send-q: not yet acknowledged by the peer, "
				+ "recv-q: received, not yet read by this JVM)\n");
		try {
			Set<String> inodes = new HashSet<>();
			try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
				for (Path descriptor : descriptors) {
					try {
						String target = Files.readSymbolicLink(descriptor).toString();
						if (target.startsWith("socket:[")) {
							inodes.add(target.substring("socket:[".length(), target.length() - 1));
						}
					}
					catch (IOException ex) {
						// closed meanwhile
					}
				}
			}
			for (String table : new String[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" }) {
				List<String> lines = Files.readAllLines(Path.of(table));
				for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 9 && inodes.contains(fields[9])) {
						String[] queues = fields[4].split(":");
						dump.append(String.format("%-22s -> %-22s %-11s send-q=%d recv-q=%d%n", address(fields[1]),
								address(fields[2]), tcpState(fields[3]), Long.parseLong(queues[0], 16),
								Long.parseLong(queues[1], 16)));
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			dump.append("(not available: ").append(ex).append(")\n");
		}
	}

	/** {@code 0100007F:1F90} (or its IPv6 form) as {@code 127.0.0.1:8080}. */
	static String address(String procAddress) {
		int colon = procAddress.indexOf(':');
		String host = procAddress.substring(0, colon);
		int port = Integer.parseInt(procAddress.substring(colon + 1), 16);
		if (host.length() == 32 && host.startsWith("0000000000000000FFFF0000")) {
			host = host.substring(24);
		}
		if (host.length() == 8) {
			long word = Long.parseLong(host, 16);
			return (word & 0xFF) + "." + ((word >> 8) & 0xFF) + "." + ((word >> 16) & 0xFF) + "."
					+ ((word >> 24) & 0xFF) + ":" + port;
		}
		return "[" + host + "]:" + port;
	}

	private static String tcpState(String code) {
		String[] states = { "?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
				"CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV" };
		int state = Integer.parseInt(code, 16);
		return (state < states.length) ? states[state] : code;
	}

	private static String waitVerb(Thread.State state) {
		return switch (state) {
			case BLOCKED -> "waiting to lock";
			case WAITING, TIMED_WAITING -> "parking to wait for / waiting on";
			default -> "waiting on";
		};
	}

	private static Map<Long, Long> cpuTimes(ThreadMXBean threads) {
		Map<Long, Long> times = new HashMap<>();
		if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
			for (long id : threads.getAllThreadIds()) {
				times.put(id, threads.getThreadCpuTime(id));
			}
		}
		return times;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

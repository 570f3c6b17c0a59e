package io.parley.bench;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code idle}: opens {@code rooms x members} sockets that send nothing and reports what
 * each costs the server: RSS and JVM heap (after a full GC on both sides of the
 * measurement, when {@code --server-pid} is given), non-heap and direct buffers; and
 * what opening them cost: handshakes per second and server CPU per handshake.
 */
final class Idle {

	private final Options options;

	Idle(Options options) {
		this.options = options;
	}

	void run() throws Exception {
		int rooms = this.options.rooms(100);
		int members = this.options.members(10);
		ServerProbe probe = new ServerProbe(this.options.serverPid(), this.options.host(), this.options.port());
		if (!probe.hasPid()) {
			System.out.println("  (no --server-pid: RSS and forced GC unavailable, heap readings include garbage)");
		}
		System.out.printf("== idle: %d rooms x %d members = %,d sockets%n", rooms, members, rooms * members);
		try (Fixtures fixtures = Fixtures.open(this.options); Sockets sockets = new Sockets(this.options)) {
			Fixtures.Population population = fixtures.populate(rooms, members);
			LongAdder frames = new LongAdder();
			if (this.options.gc()) {
				probe.fullGc();
			}
			ServerProbe.Snapshot before = probe.snapshot();
			long start = System.nanoTime();
			Sockets.Socket[] all = sockets.open(population, population.sockets(), this.options.connectConcurrency(),
					(socket, payload, now) -> frames.increment(), Duration.ofMinutes(5));
			double connectSeconds = (System.nanoTime() - start) / 1e9;
			ServerProbe.Snapshot connected = probe.snapshot();
			int open = 0;
			for (Sockets.Socket socket : all) {
				open += (socket != null && socket.open) ? 1 : 0;
			}
			System.out.printf("  %,d of %,d sockets READY in %.1f s (%,.0f handshakes/s; failed %d)%n", open, all.length,
					connectSeconds, open / connectSeconds, sockets.failedHandshakes.sum());
			System.out.printf("  CPU while connecting: %s%n", before.cpuLine(connected));
			if (probe.hasPid()) {
				System.out.printf("  server CPU per handshake: %.2f ms%n",
						before.serverCpuSeconds(connected) * 1000 / Math.max(1, open));
			}
			Thread.sleep(this.options.settle().toMillis());
			if (this.options.gc()) {
				probe.fullGc();
			}
			ServerProbe.Snapshot after = probe.snapshot();
			int still = 0;
			for (Sockets.Socket socket : all) {
				still += (socket != null && socket.open) ? 1 : 0;
			}
			System.out.println("-- results");
			System.out.printf("  sockets open at the end: %,d; frames after READY: %,d; closes %s%n", still,
					frames.sum(), Fanout.counts(sockets.closeCodes));
			if (probe.hasPid()) {
				System.out.printf("  server RSS %,d MB -> %,d MB: %.1f KB per connection%n", before.serverRssKb() / 1024,
						after.serverRssKb() / 1024, (after.serverRssKb() - before.serverRssKb()) / (double) Math.max(1, still));
			}
			ServerProbe.Metrics m0 = before.metrics();
			ServerProbe.Metrics m1 = after.metrics();
			if (m1.heapUsed() >= 0) {
				System.out.printf("  heap used %s -> %s: %.1f KB per connection%s%n", Report.mb(m0.heapUsed()),
						Report.mb(m1.heapUsed()), (m1.heapUsed() - m0.heapUsed()) / 1024 / Math.max(1, still),
						this.options.gc() && probe.hasPid() ? " (after full GCs)" : "");
				System.out.printf("  non-heap %s -> %s, direct buffers %s -> %s (%.1f KB per connection), threads %.0f -> %.0f%n",
						Report.mb(m0.nonHeapUsed()), Report.mb(m1.nonHeapUsed()), Report.mb(m0.directUsed()),
						Report.mb(m1.directUsed()), (m1.directUsed() - m0.directUsed()) / 1024 / Math.max(1, still),
						m0.liveThreads(), m1.liveThreads());
			}
			Sockets.closeAll(all);
			Thread.sleep(1000);
			if (!this.options.keep()) {
				fixtures.cleanup();
			}
		}
	}

}

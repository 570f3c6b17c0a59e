package io.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * {@code fanout}: {@code rooms x members} sockets; publishes at a fixed total rate from
 * randomly ordered sockets (open model: each send is stamped with its scheduled time, so
 * a late sender shows up as latency, not as a lower rate), then reports deliveries/s,
 * delivery ratio, end-to-end and ACK latency, and what the server, PostgreSQL, Redis and
 * this tool spent.
 * <p>
 * {@code acks}: the same with one member per room by default (no fan-out); with
 * {@code --rate 0} it runs closed loop, every socket keeping {@code --inflight} sends
 * outstanding, to find the most ACKed sends per second.
 */
final class Fanout {

	private final Options options;

	private final boolean acks;

	Fanout(Options options) {
		this.options = options;
		this.acks = options.scenario.equals("acks");
	}

	void run() throws Exception {
		int rooms = this.options.rooms(this.acks ? 500 : 50);
		int members = this.options.members(this.acks ? 1 : 10);
		int rate = this.options.rate(this.acks ? 2_000 : 200);
		boolean closedLoop = this.acks && rate == 0;
		Duration warmup = this.options.warmup("5s");
		Duration duration = this.options.duration("10s");
		ServerProbe probe = new ServerProbe(this.options.serverPid(), this.options.host(), this.options.port());
		System.out.printf("== %s: %d rooms x %d members = %,d sockets, %s, warm-up %ss, window %ss%n",
				this.options.scenario, rooms, members, rooms * members,
				closedLoop ? "closed loop, " + this.options.inflight() + " in flight per socket"
						: String.format("%,d publishes/s", rate),
				warmup.toSeconds(), duration.toSeconds());
		try (Fixtures fixtures = Fixtures.open(this.options); Sockets sockets = new Sockets(this.options)) {
			Fixtures.Population population = fixtures.populate(rooms, members);
			System.out.printf("  fixtures: tag %s, %,d users, %,d rooms%n", fixtures.tag(), population.sockets(), rooms);
			ServerProbe.Snapshot empty = probe.snapshot();
			Traffic traffic = new Traffic(rooms, this.options.contentSize());
			long connectStart = System.nanoTime();
			Sockets.Socket[] all = sockets.open(population, population.sockets(), this.options.connectConcurrency(),
					traffic, Duration.ofMinutes(3));
			List<Sockets.Socket> open = new ArrayList<>();
			for (Sockets.Socket socket : all) {
				if (socket != null && socket.open) {
					open.add(socket);
				}
			}
			System.out.printf("  %,d of %,d sockets READY in %.1f s (failed handshakes %d)%n", open.size(), all.length,
					(System.nanoTime() - connectStart) / 1e9, sockets.failedHandshakes.sum());
			if (open.isEmpty()) {
				throw new IllegalStateException("no socket opened: is the server up, and is PARLEY_JWT_SECRET its secret?");
			}
			Collections.shuffle(open);
			Sockets.Socket[] senders = open.toArray(Sockets.Socket[]::new);
			ServerProbe.Snapshot connected = probe.snapshot();

			long start = Nanos.now();
			traffic.windowStart = start + warmup.toNanos();
			traffic.windowEnd = traffic.windowStart + duration.toNanos();
			long sendEnd = traffic.windowEnd;
			Thread publisher = closedLoop ? closedLoop(traffic, senders, sendEnd)
					: openLoop(traffic, senders, rate, start, sendEnd);
			Timeline timeline = new Timeline(traffic, start);
			timeline.start();
			sleepUntil(traffic.windowStart);
			ServerProbe.Snapshot windowStart = probe.snapshot();
			sleepUntil(sendEnd);
			ServerProbe.Snapshot windowEnd = probe.snapshot();
			publisher.join(10_000);
			long drainEnd = Nanos.now() + this.options.drain().toNanos();
			while (Nanos.now() < drainEnd && (traffic.windowDeliveries.sum() < traffic.windowExpected.sum()
					|| traffic.acks.sum() + errorCount(traffic) < traffic.written.sum())) {
				Thread.sleep(100);
			}
			timeline.interrupt();
			report(traffic, population, open.size(), sockets, probe, empty, connected, windowStart, windowEnd,
					duration, fixtures);
			Sockets.closeAll(all);
			Thread.sleep(500);
			if (!this.options.keep()) {
				fixtures.cleanup();
			}
		}
	}

	/** Open model: send k goes out at start + k / rate from socket k (shuffled order). */
	private static Thread openLoop(Traffic traffic, Sockets.Socket[] senders, int rate, long start, long end) {
		Thread thread = new Thread(() -> {
			long k = 0;
			double interval = 1e9 / rate;
			while (true) {
				long now = Nanos.now();
				if (now >= end) {
					return;
				}
				while (true) {
					long at = start + (long) (k * interval);
					if (at > now || at >= end) {
						break;
					}
					traffic.send(senders[(int) (k % senders.length)], at);
					k++;
				}
				LockSupport.parkNanos(100_000);
			}
		}, "publisher");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Closed loop: each socket sends again as soon as it is answered, until the end. */
	private Thread closedLoop(Traffic traffic, Sockets.Socket[] senders, long end) {
		traffic.onAnswer = (socket) -> {
			long now = Nanos.now();
			if (now < end) {
				traffic.send(socket, now);
			}
		};
		int inflight = this.options.inflight();
		Thread thread = new Thread(() -> {
			for (int i = 0; i < inflight; i++) {
				for (Sockets.Socket socket : senders) {
					traffic.send(socket, Nanos.now());
				}
			}
		}, "publisher");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static long errorCount(Traffic traffic) {
		return traffic.errors.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum).sum();
	}

	private void report(Traffic traffic, Fixtures.Population population, int openSockets, Sockets sockets,
			ServerProbe probe, ServerProbe.Snapshot empty, ServerProbe.Snapshot connected,
			ServerProbe.Snapshot windowStart, ServerProbe.Snapshot windowEnd, Duration duration, Fixtures fixtures)
			throws Exception {
		double seconds = (windowEnd.nanos() - windowStart.nanos()) / 1e9;
		Histogram delivery = traffic.deliveryLatency.getIntervalHistogram();
		Histogram ack = traffic.ackLatency.getIntervalHistogram();
		long expected = traffic.windowExpected.sum();
		long delivered = traffic.windowDeliveries.sum();
		long sent = traffic.windowSent.sum();
		System.out.println("-- results (window " + duration.toSeconds() + " s; latencies of messages sent in it)");
		System.out.printf("  sends in window %,d (%,.0f/s), ACKed %,d (%.3f%%); errors %s; not written (socket closed) %,d%n",
				sent, sent / seconds, traffic.windowAcks.sum(), 100.0 * traffic.windowAcks.sum() / Math.max(1, sent),
				counts(traffic.errors), traffic.notWritten.sum());
		System.out.printf("  ACK latency       %s%n", Report.latency(ack));
		if (population.members() > 1) {
			System.out.printf("  deliveries: expected %,d, received %,d, ratio %.5f; %,.0f deliveries/s arrived%n",
					expected, delivered, (double) delivered / Math.max(1, expected),
					traffic.arrivedInWindow.sum() / seconds);
			System.out.printf("  delivery latency  %s%n", Report.latency(delivery));
			System.out.printf("  NEW_MESSAGE echoed to the sender's own socket (not counted above): %,d%n",
					traffic.ownEchoes.sum());
		}
		System.out.printf("  ACKs arrived %,.0f/s%n", traffic.acksArrivedInWindow.sum() / seconds);
		System.out.printf("  CPU in window: %s%n", windowStart.cpuLine(windowEnd));
		if (probe.hasPid()) {
			double cpu = windowStart.serverCpuSeconds(windowEnd);
			long frames = traffic.arrivedInWindow.sum();
			long acked = traffic.acksArrivedInWindow.sum();
			if (frames > 0) {
				System.out.printf("  server CPU per delivered frame: %.1f us (%.2f CPU-s / %,d NEW_MESSAGE frames)%n",
						cpu * 1e6 / frames, cpu, frames);
			}
			System.out.printf("  server CPU per message stored: %.1f us (%,d ACKs)%n", cpu * 1e6 / Math.max(1, acked),
					acked);
			System.out.printf("  server RSS: %,d MB before sockets, %,d MB with %,d sockets, %,d MB at end; "
					+ "(with - before) / sockets = %.1f KB%n", empty.serverRssKb() / 1024, connected.serverRssKb() / 1024,
					openSockets, windowEnd.serverRssKb() / 1024,
					(connected.serverRssKb() - empty.serverRssKb()) / (double) openSockets);
		}
		ServerProbe.Metrics before = windowStart.metrics();
		ServerProbe.Metrics after = windowEnd.metrics();
		if (after.heapUsed() >= 0) {
			System.out.printf("  server heap used %s (at end of window), direct buffers %s; "
					+ "GC in window: %.0f pauses, %.0f ms total%n", Report.mb(after.heapUsed()), Report.mb(after.directUsed()),
					after.gcPauses() - before.gcPauses(), (after.gcPauseSeconds() - before.gcPauseSeconds()) * 1000);
		}
		System.out.printf("  messages stored in the run's rooms: %,d; ACKs received (all): %,d; closes %s%n",
				fixtures.storedMessages(), traffic.acks.sum(), counts(sockets.closeCodes));
	}

	static String counts(Map<?, java.util.concurrent.atomic.LongAdder> counters) {
		Map<String, Long> sorted = new TreeMap<>();
		counters.forEach((key, value) -> sorted.put(String.valueOf(key), value.sum()));
		return sorted.toString();
	}

	private static void sleepUntil(long nanos) throws InterruptedException {
		long left;
		while ((left = nanos - Nanos.now()) > 0) {
			Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
		}
	}

	/** One line per second: what was sent, acknowledged and delivered, and p99s. */
	private static final class Timeline extends Thread {

		private final Traffic traffic;

		private final long start;

		Timeline(Traffic traffic, long start) {
			super("timeline");
			setDaemon(true);
			this.traffic = traffic;
			this.start = start;
		}

		@Override
		public void run() {
			long sent = 0, acks = 0, deliveries = 0;
			try {
				while (!isInterrupted()) {
					Thread.sleep(1000);
					long s = this.traffic.written.sum(), a = this.traffic.acks.sum(),
							d = this.traffic.deliveries.sum();
					Histogram ackHistogram = this.traffic.ackTimeline.getIntervalHistogram();
					Histogram deliveryHistogram = this.traffic.deliveryTimeline.getIntervalHistogram();
					System.out.printf("  t=%3.0fs sent %,7d/s  acked %,7d/s (p99 %s ms)  delivered %,7d/s (p99 %s ms)%n",
							(Nanos.now() - this.start) / 1e9, s - sent, a - acks,
							Report.ms(ackHistogram.getValueAtPercentile(99)), d - deliveries,
							Report.ms(deliveryHistogram.getValueAtPercentile(99)));
					sent = s;
					acks = a;
					deliveries = d;
				}
			}
			catch (InterruptedException ex) {
				// done
			}
		}

	}

}

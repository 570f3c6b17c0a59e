package io.parley.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * {@code history}: fills one room with {@code --messages} messages (SQL
 * {@code generate_series}), then times {@code GET /api/rooms/{id}/messages?before=}
 * pages at random cursors, {@code --concurrency} at a time, {@code --requests} in all
 * (the first tenth is warm-up), and shows PostgreSQL's plan for one page.
 */
final class History {

	private final Options options;

	History(Options options) {
		this.options = options;
	}

	void run() throws Exception {
		int messages = this.options.messages();
		int requests = this.options.requests();
		int warmup = Math.min(requests / 10, 500);
		int limit = this.options.limit();
		Duration cap = this.options.duration("60s");
		System.out.printf("== history: %,d messages in one room, %,d pages of %d (+%d warm-up), %d concurrent%n",
				messages, requests - warmup, limit, warmup, this.options.concurrency());
		try (Fixtures fixtures = Fixtures.open(this.options)) {
			Fixtures.Population population = fixtures.populate(1, 1);
			long roomId = population.roomIds()[0];
			long start = System.nanoTime();
			fixtures.fillHistory(roomId, population.userIds()[0], messages);
			System.out.printf("  filled in %.1f s%n", (System.nanoTime() - start) / 1e9);
			explain(fixtures, roomId, messages / 2, limit);

			String path = "/api/rooms/" + roomId + "/messages?limit=" + limit + "&before=";
			String authorization = "Bearer " + population.tokens()[0];
			int concurrency = this.options.concurrency();
			LoopResources loops = LoopResources.create("history", 1, true);
			ConnectionProvider pool = ConnectionProvider.builder("history").maxConnections(concurrency).build();
			HttpClient http = HttpClient.create(pool)
				.runOn(loops)
				.baseUrl("http://" + this.options.host() + ":" + this.options.port())
				.headers((headers) -> headers.set("Authorization", authorization))
				.responseTimeout(Duration.ofSeconds(10));
			ServerProbe probe = new ServerProbe(this.options.serverPid(), this.options.host(), this.options.port());
			Histogram latency = new Histogram(3);
			Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
			ServerProbe.Snapshot[] window = new ServerProbe.Snapshot[1];
			try {
				Flux.range(0, requests).flatMap((n) -> {
					if (n == warmup) {
						window[0] = probe.snapshot();
					}
					long before = ThreadLocalRandom.current().nextLong(2, messages + 2L);
					long t0 = System.nanoTime();
					return http.get()
						.uri(path + before)
						.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
						.onErrorReturn(-1)
						.doOnNext((status) -> {
							if (n >= warmup) {
								latency.recordValue((System.nanoTime() - t0) / 1000);
							}
							statuses.computeIfAbsent(status, (s) -> new LongAdder()).increment();
						});
				}, concurrency).take(cap).blockLast();
			}
			finally {
				pool.dispose();
				loops.dispose();
			}
			ServerProbe.Snapshot end = probe.snapshot();
			double seconds = (end.nanos() - window[0].nanos()) / 1e9;
			System.out.println("-- results");
			System.out.printf("  statuses %s; %,.0f pages/s%n", Fanout.counts(statuses),
					latency.getTotalCount() / seconds);
			System.out.printf("  page latency (client, HTTP round trip)  %s%n", Report.latency(latency));
			System.out.printf("  CPU while timed: %s%n", window[0].cpuLine(end));
			if (probe.hasPid()) {
				System.out.printf("  server CPU per page: %.0f us%n",
						window[0].serverCpuSeconds(end) * 1e6 / Math.max(1, latency.getTotalCount()));
			}
			if (!this.options.keep()) {
				fixtures.cleanup();
			}
		}
	}

	/** The plan and time of the server's page query (MessageRepository.before), in the database. */
	private static void explain(Fixtures fixtures, long roomId, long before, int limit) throws Exception {
		try (PreparedStatement explain = fixtures.db().prepareStatement("""
				EXPLAIN (ANALYZE, COSTS OFF)
				SELECT m.id, m.room_id, m.seq, m.sender_id, m.kind, m.content, m.client_message_id,
				       m.created_at, m.edited_at, m.deleted, u.username, u.display_name
				FROM messages m JOIN users u ON u.id = m.sender_id
				WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?""")) {
			explain.setLong(1, roomId);
			explain.setLong(2, before);
			explain.setInt(3, limit + 1);
			try (ResultSet plan = explain.executeQuery()) {
				System.out.println("  plan of one page:");
				while (plan.next()) {
					System.out.println("    " + plan.getString(1));
				}
			}
		}
	}

}

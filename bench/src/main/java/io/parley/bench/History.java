package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

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

			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = "http://" + this.options.host() + ":" + this.options.port() + "/api/rooms/" + roomId
					+ "/messages?limit=" + limit + "&before=";
			String authorization = "Bearer " + population.tokens()[0];
			Recorder latency = new Recorder(3);
			Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
			AtomicInteger issued = new AtomicInteger();
			long deadline = System.nanoTime() + cap.toNanos();
			Thread[] workers = new Thread[this.options.concurrency()];
			long[] measuredStart = { 0 };
			for (int w = 0; w < workers.length; w++) {
				workers[w] = new Thread(() -> {
					int n;
					while ((n = issued.getAndIncrement()) < requests && System.nanoTime() < deadline) {
						if (n == warmup) {
							latency.reset();
							measuredStart[0] = System.nanoTime();
						}
						long before = ThreadLocalRandom.current().nextLong(2, messages + 2L);
						HttpRequest request = HttpRequest.newBuilder(URI.create(base + before))
							.header("Authorization", authorization)
							.timeout(Duration.ofSeconds(10))
							.GET()
							.build();
						long t0 = System.nanoTime();
						int status;
						try {
							status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
						}
						catch (Exception ex) {
							status = -1;
						}
						latency.recordValue((System.nanoTime() - t0) / 1000);
						statuses.computeIfAbsent(status, (s) -> new LongAdder()).increment();
					}
				}, "history-" + w);
				workers[w].start();
			}
			for (Thread worker : workers) {
				worker.join();
			}
			double seconds = (System.nanoTime() - measuredStart[0]) / 1e9;
			Histogram measured = latency.getIntervalHistogram();
			System.out.println("-- results");
			System.out.printf("  statuses %s; %,.0f pages/s%n", Fanout.counts(statuses),
					measured.getTotalCount() / seconds);
			System.out.printf("  page latency (client, HTTP round trip)  %s%n", Report.latency(measured));
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

package io.parley.database;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Statements cancelled at random moments while their answer is on the way (1, 10 or 400
 * rows; cancelled 0 to 1.5 ms after they start, from another thread than the one that
 * reads the answer), the way closing sockets and failing zip partners cancel queries.
 */
final class RacingCancels {

	private static final int[] ROWS = { 1, 10, 400 };

	private RacingCancels() {
	}

	/** Starts {@code count} statements one after another, cancelling each. */
	static void run(DatabaseClient client, int count) {
		SplittableRandom random = new SplittableRandom(20261122);
		for (int i = 0; i < count; i++) {
			Disposable statement = client.sql("SELECT generate_series(1, " + ROWS[i % ROWS.length] + ") AS n")
				.map((row) -> row.get("n", Integer.class))
				.all()
				.collectList()
				.subscribe();
			spin(random.nextLong(1_500_000));
			statement.dispose();
		}
	}

	/**
	 * Fails unless {@code connections} statements, run at the same time so that each
	 * holds its own pooled connection, all answer within five seconds.
	 */
	static void assertEveryConnectionAnswers(DatabaseClient client, int connections) {
		assertThatCode(() -> {
			List<Integer> answers = Flux.range(0, connections)
				.flatMap((i) -> client.sql("SELECT 1 AS one FROM pg_sleep(0.1)")
					.map((row) -> row.get("one", Integer.class))
					.one(), connections)
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(answers).hasSize(connections);
		}).as("every pooled connection answers after the cancellations").doesNotThrowAnyException();
	}

	static void spin(long nanos) {
		long until = System.nanoTime() + nanos;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
	}

}

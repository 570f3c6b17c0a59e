package io.parley.database;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import io.parley.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CancelSafeConnectionFactory} against real PostgreSQL, on a pool of one
 * connection: any answer left unread on it would make every later statement wait.
 */
class CancelSafeConnectionFactoryTests {

	private ConnectionPool pool;

	private CancelSafeConnectionFactory connections;

	private DatabaseClient client;

	private Transactions transactions;

	@BeforeEach
	void oneConnection() {
		TestServices.start();
		ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(TestServices.database().r2dbcUrl())
			.mutate()
			.option(ConnectionFactoryOptions.USER, "postgres")
			.option(ConnectionFactoryOptions.PASSWORD, "")
			.build();
		this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
			.initialSize(1)
			.maxSize(1)
			.maxAcquireTime(Duration.ofSeconds(3))
			.build());
		this.connections = new CancelSafeConnectionFactory(this.pool);
		this.client = DatabaseClient.builder().connectionFactory(this.connections).build();
		this.transactions = new Transactions(
				TransactionalOperator.create(new R2dbcTransactionManager(this.connections)));
	}

	@AfterEach
	void closePool() {
		this.pool.dispose();
	}

	@Test
	void statementsCancelledWhileTheirAnswerArrivesLeaveTheConnectionAnswering() {
		RacingCancels.run(this.client, 1500);
		RacingCancels.assertEveryConnectionAnswers(this.client, 1);
	}

	@Test
	void transactionsCancelledAtAnyMomentLeaveNoConnectionHeldOrInATransaction() {
		SplittableRandom random = new SplittableRandom(20261122);
		for (int i = 0; i < 6000; i++) {
			Disposable transaction = this.transactions.run(numbers((i % 3) * 200 + 1).collectList(), () -> {
			}).subscribe();
			RacingCancels.spin(random.nextLong(1_500_000));
			transaction.dispose();
		}
		assertNoTransactionLeftOpen();
	}

	@Test
	void aTransactionWhoseCallerCancelsRunsToItsCommit() {
		this.client.sql("CREATE TABLE IF NOT EXISTS run_to_end (n int)").then().block(Duration.ofSeconds(5));
		AtomicBoolean committed = new AtomicBoolean();
		Mono<Long> work = this.client.sql("SELECT pg_sleep(0.3)")
			.then()
			.then(this.client.sql("INSERT INTO run_to_end VALUES (7)").fetch().rowsUpdated());
		Disposable transaction = this.transactions.run(work, () -> committed.set(true)).subscribe();
		Awaitility.await().until(() -> metrics().acquiredSize() == 1);
		transaction.dispose();
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(committed);
		assertThat(this.client.sql("SELECT count(*) AS rows FROM run_to_end WHERE n = 7")
			.map((row) -> row.get("rows", Long.class))
			.one()
			.block(Duration.ofSeconds(5))).isEqualTo(1);
		this.client.sql("DROP TABLE run_to_end").then().block(Duration.ofSeconds(5));
	}

	@Test
	void aConnectionGoesBackToThePoolOnlyWhenItsCancelledStatementHasEnded() {
		Disposable sleeping = this.client.sql("SELECT pg_sleep(1.5)").fetch().rowsUpdated().subscribe();
		Awaitility.await().until(() -> metrics().acquiredSize() == 1);
		sleeping.dispose();
		long cancelledAt = System.nanoTime();
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> metrics().idleSize() == 1);
		assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).as("out of the pool while it runs")
			.isGreaterThan(Duration.ofMillis(1000));
		RacingCancels.assertEveryConnectionAnswers(this.client, 1);
	}

	@Test
	void aResultTakenAsTheFirstOfItsStatementCanBeRead() {
		// Mono.from cancels the statement's stream while it passes the result on
		Long rows = this.client
			.inConnection((connection) -> Mono.from(connection.createStatement("SELECT 1").execute())
				.flatMap((result) -> Mono.from(result.getRowsUpdated())))
			.block(Duration.ofSeconds(5));
		assertThat(rows).isEqualTo(1);
		R2dbcTransactionManager enforcing = new R2dbcTransactionManager(this.connections);
		enforcing.setEnforceReadOnly(true);
		DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();
		readOnly.setReadOnly(true);
		assertThat(TransactionalOperator.create(enforcing, readOnly)
			.transactional(numbers(3).collectList())
			.block(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
	}

	@Test
	void aReaderThatStopsEarlyGetsWhatItReadAndTheRestIsDrained() {
		List<Integer> firstFive = numbers(2000).take(5).collectList().block(Duration.ofSeconds(5));
		assertThat(firstFive).containsExactly(1, 2, 3, 4, 5);
		assertThat(numbers(3).collectList().block(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
	}

	/**
	 * The pool's one connection answers within five seconds, outside any transaction (in
	 * one, {@code now()} would be when it began).
	 */
	private void assertNoTransactionLeftOpen() {
		Boolean ownTransaction = this.client.sql("SELECT now() = statement_timestamp() AS own")
			.map((row) -> row.get("own", Boolean.class))
			.one()
			.block(Duration.ofSeconds(5));
		assertThat(ownTransaction).as("the statement ran in a transaction of its own").isTrue();
	}

	private PoolMetrics metrics() {
		return this.pool.getMetrics().orElseThrow();
	}

	private Flux<Integer> numbers(int count) {
		return this.client.sql("SELECT generate_series(1, " + count + ") AS n")
			.map((row) -> row.get("n", Integer.class))
			.all();
	}

}

package io.parley.database;

import java.time.Duration;
import java.util.List;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;

import io.parley.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CancelSafeExecution} against real PostgreSQL, on a pool of one connection: any
 * answer left unread on it would make every later statement wait.
 */
class CancelSafeExecutionTests {

	private ConnectionPool pool;

	private DatabaseClient client;

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
			.build());
		this.client = DatabaseClient.builder()
			.connectionFactory(this.pool)
			.executeFunction(new CancelSafeExecution())
			.build();
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
	void aReaderThatStopsEarlyGetsWhatItReadAndTheRestIsDrained() {
		List<Integer> firstFive = numbers(2000).take(5).collectList().block(Duration.ofSeconds(5));
		assertThat(firstFive).containsExactly(1, 2, 3, 4, 5);
		assertThat(numbers(3).collectList().block(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
	}

	private Flux<Integer> numbers(int count) {
		return this.client.sql("SELECT generate_series(1, " + count + ") AS n")
			.map((row) -> row.get("n", Integer.class))
			.all();
	}

}

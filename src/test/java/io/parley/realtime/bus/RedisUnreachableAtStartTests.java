package io.parley.realtime.bus;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.parley.support.EmbeddedDatabase;
import io.parley.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar started with a Redis that does not answer stops with a short explanation, not a
 * stack trace.
 */
class RedisUnreachableAtStartTests {

	@Test
	void startWithUnreachableRedisThenExitsWithWhatToDo() throws IOException, InterruptedException {
		EmbeddedDatabase database = TestServices.database();
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0)) {
			closedPort = probe.getLocalPort();
		}
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp",
				System.getProperty("java.class.path"), "io.parley.ParleyApplication", "--server.port=0"));
		builder.environment().put("PARLEY_DB_URL", database.r2dbcUrl());
		builder.environment().put("PARLEY_DB_USER", "postgres");
		builder.environment().put("PARLEY_JWT_SECRET", TestServices.JWT_SECRET);
		builder.environment().put("PARLEY_REDIS_URL", "redis://127.0.0.1:" + closedPort);
		builder.redirectErrorStream(true);
		Process process = builder.start();
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).isNotZero();
		assertThat(output).contains("Parley could not connect to Redis (PARLEY_REDIS_URL)")
			.contains("Start Redis or correct PARLEY_REDIS_URL");
		assertThat(output.lines().filter((line) -> line.startsWith("\tat "))).isEmpty();
	}

}

package io.parley.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MissingDatabaseUrlTests {

	@Test
	void startWithoutDatabaseUrlThenExitsAtOnceWithOneClearLine() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(
				List.of(java.toString(), "-cp", System.getProperty("java.class.path"), "io.parley.ParleyApplication"));
		builder.environment().remove("PARLEY_DB_URL");
		builder.redirectErrorStream(true);
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.exitValue()).isEqualTo(2);
		assertThat(output.lines()).hasSize(1);
		assertThat(output).startsWith("Parley cannot start: PARLEY_DB_URL is not set");
	}

}

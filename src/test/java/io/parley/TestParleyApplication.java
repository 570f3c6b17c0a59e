package io.parley;

import java.nio.file.Path;

import org.springframework.boot.SpringApplication;

import io.parley.support.EmbeddedDatabase;

/**
 * The development server ({@code ./mvnw spring-boot:test-run}): Parley with an embedded
 * PostgreSQL keeping its data in {@code ./data/postgres}, the in-process bus, mail
 * written to the log and a generated JWT key.
 */
public final class TestParleyApplication {

	private TestParleyApplication() {
	}

	public static void main(String[] args) {
		if (System.getenv("PARLEY_DB_URL") == null) {
			EmbeddedDatabase.persistent(Path.of("data", "postgres")).exportSettings();
		}
		SpringApplication.from(ParleyApplication::main).withAdditionalProfiles("dev").run(args);
	}

}

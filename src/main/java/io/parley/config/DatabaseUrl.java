package io.parley.config;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL address given as an R2DBC URL ({@code r2dbc:postgresql://host:5432/db}),
 * with the JDBC form Flyway needs and a printable form that never shows a password.
 */
record DatabaseUrl(String host, int port, String database, @Nullable String query, @Nullable String user,
		@Nullable String password) {

	static DatabaseUrl parse(String r2dbcUrl) {
		if (!r2dbcUrl.startsWith("r2dbc:postgresql://") && !r2dbcUrl.startsWith("r2dbc:postgres://")) {
			throw new IllegalArgumentException(
					"PARLEY_DB_URL must look like r2dbc:postgresql://host:5432/database, not " + redact(r2dbcUrl));
		}
		try {
			URI uri = new URI(r2dbcUrl.substring("r2dbc:".length()));
			String userInfo = uri.getRawUserInfo();
			String user = null;
			String password = null;
			if (userInfo != null) {
				int colon = userInfo.indexOf(':');
				user = (colon < 0) ? userInfo : userInfo.substring(0, colon);
				password = (colon < 0) ? null : userInfo.substring(colon + 1);
			}
			String path = (uri.getPath() == null || uri.getPath().length() <= 1) ? "postgres"
					: uri.getPath().substring(1);
			return new DatabaseUrl(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432, path, uri.getRawQuery(),
					user, password);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("PARLEY_DB_URL is not a valid URL: " + redact(r2dbcUrl));
		}
	}

	String r2dbc() {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + this.database
				+ ((this.query != null) ? "?" + this.query : "");
	}

	String jdbc() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database
				+ ((this.query != null) ? "?" + this.query.replace("sslMode=", "sslmode=") : "");
	}

	/** Host, port and database: safe to print. */
	String describe() {
		return this.host + ":" + this.port + "/" + this.database;
	}

	private static String redact(String url) {
		return url.replaceAll("//[^@/]*@", "//***@");
	}

}

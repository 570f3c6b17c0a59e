package io.parley.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct database set-up and inspection for tests, over JDBC to the test PostgreSQL.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/** Runs an update; returns the first column of the first returned row, if any. */
	public static long sql(String sql, Object... parameters) {
		try (Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			if (statement.execute()) {
				try (ResultSet rows = statement.getResultSet()) {
					return rows.next() ? rows.getLong(1) : 0;
				}
			}
			return statement.getUpdateCount();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A group room owned by {@code ownerId}; returns its id. */
	public static long room(long ownerId, String visibility) {
		String slug = Accounts.uniqueName("room").toLowerCase().replace('_', '-');
		long roomId = sql("INSERT INTO rooms (kind, name, slug, visibility) VALUES ('group', ?, ?, ?) RETURNING id",
				slug, slug, visibility);
		join(roomId, ownerId, "owner");
		return roomId;
	}

	public static void join(long roomId, long userId, String role) {
		sql("INSERT INTO memberships (room_id, user_id, role) VALUES (?, ?, ?)", roomId, userId, role);
	}

}

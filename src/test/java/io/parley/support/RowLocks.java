package io.parley.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Row locks held by a test's own transaction, to make Parley's statements wait, and a
 * count of the statements waiting for one.
 */
public final class RowLocks {

	private RowLocks() {
	}

	/** Locks the membership row; the lock lasts until the returned connection commits. */
	public static Connection lockMembership(long roomId, long userId) throws SQLException {
		Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
		connection.setAutoCommit(false);
		try (PreparedStatement lock = connection
			.prepareStatement("SELECT 1 FROM memberships WHERE room_id = ? AND user_id = ? FOR UPDATE")) {
			lock.setLong(1, roomId);
			lock.setLong(2, userId);
			lock.execute();
		}
		return connection;
	}

	/** Statements of the test database waiting for a lock now. */
	public static int waitingForLocks() throws SQLException {
		try (Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
				PreparedStatement count = connection.prepareStatement(
						"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
				ResultSet result = count.executeQuery()) {
			result.next();
			return result.getInt(1);
		}
	}

}

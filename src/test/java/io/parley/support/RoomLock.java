package io.parley.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * A room's row locked {@code FOR UPDATE} in a transaction of the test's own (over JDBC),
 * until closed: every send to the room stalls behind it, so a test decides when the
 * server's writer may go on.
 */
public final class RoomLock implements AutoCloseable {

	private final Connection connection;

	private final int pid;

	private RoomLock(Connection connection, int pid) {
		this.connection = connection;
		this.pid = pid;
	}

	public static RoomLock hold(long roomId) {
		try {
			Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
			connection.setAutoCommit(false);
			try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
				lock.setLong(1, roomId);
				lock.execute();
			}
			return new RoomLock(connection, (int) scalar(connection, "SELECT pg_backend_pid()"));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Waits (up to 30 s) until a statement of another session waits for this lock. */
	public void awaitBlocked() {
		String blocked = "SELECT count(*) FROM pg_stat_activity WHERE " + this.pid + " = ANY(pg_blocking_pids(pid))";
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.sql(blocked) > 0);
	}

	/** Ends the transaction: the stalled statements go on. */
	@Override
	public void close() {
		try (this.connection) {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long scalar(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
	}

}

package io.parley.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * A room's row locked {@code FOR UPDATE} in a transaction of the test's own (over JDBC),
 * until closed: the server's message writer finds the room busy and holds its sends back
 * until then, so a test decides when they may be stored.
 */
public final class RoomLock implements AutoCloseable {

	private static final String DEFERRED = "parley_messages_deferred_total";

	private final Connection connection;

	private final ParleyApi server;

	private final double deferredBefore;

	private RoomLock(Connection connection, ParleyApi server, double deferredBefore) {
		this.connection = connection;
		this.server = server;
		this.deferredBefore = deferredBefore;
	}

	public static RoomLock hold(long roomId, ParleyApi server) {
		double deferredBefore = server.metric(DEFERRED);
		try {
			Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
			connection.setAutoCommit(false);
			try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
				lock.setLong(1, roomId);
				lock.execute();
			}
			return new RoomLock(connection, server, deferredBefore);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits (up to 30 s) until the server's writer has tried a send to a locked room and
	 * held it back (its {@code parley.messages.deferred} counter grew since
	 * {@link #hold}).
	 */
	public void awaitSendsHeldBack() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.server.metric(DEFERRED) > this.deferredBefore);
	}

	/** Ends the transaction: the writer stores the held-back sends at its next try. */
	@Override
	public void close() {
		try (this.connection) {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

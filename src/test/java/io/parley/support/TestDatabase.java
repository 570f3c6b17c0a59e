package io.parley.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct SQL against the test database, for moving time forward where the API offers no
 * way to wait (an expired code, a rate-limit window that has passed).
 */
public final class TestDatabase {

	private TestDatabase() {
	}

	/** Makes the user's current verification code expired. */
	public static void expireVerificationCode(String email) {
		update("UPDATE email_verification_codes SET expires_at = now() - interval '1 second' "
				+ "WHERE user_id = (SELECT id FROM users WHERE lower(email) = lower(?))", email);
	}

	/**
	 * Moves the mails sent to the address more than a minute into the past, as if the
	 * one-mail-per-minute interval had passed.
	 */
	public static void letMailIntervalPass(String email) {
		update("UPDATE rate_limit_events SET occurred_at = occurred_at - interval '61 seconds' "
				+ "WHERE bucket = 'mail-address' AND subject = lower(?)", email);
	}

	/** Makes every login session of the user past its absolute lifetime. */
	public static void expireSessionsOf(String email) {
		update("UPDATE auth_sessions SET expires_at = now() - interval '1 second' "
				+ "WHERE user_id = (SELECT id FROM users WHERE lower(email) = lower(?))", email);
	}

	/**
	 * Stores {@code count} messages of {@code length} characters from {@code senderId} in
	 * the room after its last one, as if they had been sent, for tests that need a long
	 * history quickly.
	 */
	public static void fillRoom(long roomId, long senderId, int count, int length) {
		try (Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
				PreparedStatement insert = connection.prepareStatement("""
						WITH room AS (
						  UPDATE rooms SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq
						)
						INSERT INTO messages (room_id, seq, sender_id, content)
						SELECT ?, room.last_seq - ? + n, ?, repeat('x', ?)
						FROM room, generate_series(1, ?) AS n
						""")) {
			insert.setInt(1, count);
			insert.setLong(2, roomId);
			insert.setLong(3, roomId);
			insert.setInt(4, count);
			insert.setLong(5, senderId);
			insert.setInt(6, length);
			insert.setInt(7, count);
			if (insert.executeUpdate() != count) {
				throw new AssertionError("Room " + roomId + " was not filled");
			}
		}
		catch (SQLException ex) {
			throw new AssertionError(ex);
		}
	}

	/** How many statements containing {@code text} are running now. */
	public static int runningStatements(String text) {
		return countRunning("count(*)", text);
	}

	/** Cancels the running statements containing {@code text}; returns how many. */
	public static int cancelStatements(String text) {
		return countRunning("count(pg_cancel_backend(pid))", text);
	}

	private static int countRunning(String aggregate, String text) {
		try (Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
				PreparedStatement count = connection.prepareStatement("SELECT " + aggregate
						+ " FROM pg_stat_activity WHERE state = 'active' AND strpos(query, ?) > 0 "
						+ "AND pid <> pg_backend_pid()")) {
			count.setString(1, text);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new AssertionError(ex);
		}
	}

	private static void update(String sql, String parameter) {
		try (Connection connection = DriverManager.getConnection(TestServices.database().jdbcUrl(), "postgres", "");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			if (statement.executeUpdate() == 0) {
				throw new AssertionError("Nothing to update for " + parameter + ": " + sql);
			}
		}
		catch (SQLException ex) {
			throw new AssertionError(ex);
		}
	}

}

package io.parley.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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

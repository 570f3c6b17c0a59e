package io.parley.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Creates a run's users, rooms, memberships and login sessions straight in PostgreSQL
 * (registering thousands of users through mailed codes and Argon2 logins would take
 * minutes), and signs access tokens for them the way the server does
 * ({@code io.parley.auth.AccessTokens}: HS256, {@code typ at+jwt}, issuer = public URL,
 * audience {@code parley}, {@code sub}, {@code sid}, {@code jti}, {@code iat},
 * {@code exp}). Each token names a live {@code auth_sessions} row, so the server's
 * session check passes. The users cannot log in with a password (their hash is a
 * placeholder). Every row carries the run's tag, and {@link #cleanup} deletes them.
 */
final class Fixtures implements AutoCloseable {

	private final Connection db;

	private final String tag;

	private final MACSigner signer;

	private final String issuer;

	private Fixtures(Connection db, String tag, MACSigner signer, String issuer) {
		this.db = db;
		this.tag = tag;
		this.signer = signer;
		this.issuer = issuer;
	}

	static Fixtures open(Options options) throws SQLException, JOSEException {
		Connection db = DriverManager.getConnection(options.db(), options.dbUser(), options.dbPassword());
		db.setAutoCommit(true);
		String tag = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36);
		return new Fixtures(db, tag, new MACSigner(options.jwtSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				options.issuer());
	}

	String tag() {
		return this.tag;
	}

	Connection db() {
		return this.db;
	}

	/**
	 * {@code rooms} private group rooms of {@code members} users each (the first one
	 * owns it); socket {@code r * members + m} is member {@code m} of room {@code r}.
	 */
	Population populate(int rooms, int members) throws SQLException {
		int users = rooms * members;
		long[] userIds = new long[users];
		try (PreparedStatement insert = this.db.prepareStatement("""
				INSERT INTO users (username, email, password_hash, display_name, email_verified)
				SELECT 'bench' || ? || 'u' || g, 'bench' || ? || 'u' || g || '@bench.invalid',
				       'bench-placeholder-no-login', 'Bench ' || g, true
				FROM generate_series(0, ? - 1) g
				RETURNING id, username""")) {
			insert.setString(1, this.tag);
			insert.setString(2, this.tag);
			insert.setInt(3, users);
			String prefix = "bench" + this.tag + "u";
			try (ResultSet rows = insert.executeQuery()) {
				while (rows.next()) {
					userIds[Integer.parseInt(rows.getString(2).substring(prefix.length()))] = rows.getLong(1);
				}
			}
		}
		long[] roomIds = new long[rooms];
		try (PreparedStatement insert = this.db.prepareStatement("""
				INSERT INTO rooms (kind, name, slug, visibility)
				SELECT 'group', 'bench ' || ? || ' ' || g, 'bench-' || ? || '-' || g, 'private'
				FROM generate_series(0, ? - 1) g
				RETURNING id, slug""")) {
			insert.setString(1, this.tag);
			insert.setString(2, this.tag);
			insert.setInt(3, rooms);
			String prefix = "bench-" + this.tag + "-";
			try (ResultSet rows = insert.executeQuery()) {
				while (rows.next()) {
					roomIds[Integer.parseInt(rows.getString(2).substring(prefix.length()))] = rows.getLong(1);
				}
			}
		}
		Long[] memberRooms = new Long[users];
		Long[] memberUsers = new Long[users];
		String[] roles = new String[users];
		for (int i = 0; i < users; i++) {
			memberRooms[i] = roomIds[i / members];
			memberUsers[i] = userIds[i];
			roles[i] = (i % members == 0) ? "owner" : "member";
		}
		try (PreparedStatement insert = this.db.prepareStatement(
				"INSERT INTO memberships (room_id, user_id, role) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[])")) {
			insert.setArray(1, this.db.createArrayOf("bigint", memberRooms));
			insert.setArray(2, this.db.createArrayOf("bigint", memberUsers));
			insert.setArray(3, this.db.createArrayOf("text", roles));
			insert.executeUpdate();
		}
		long[] sessionIds = new long[users];
		java.util.Map<Long, Integer> indexOfUser = new java.util.HashMap<>();
		for (int i = 0; i < users; i++) {
			indexOfUser.put(userIds[i], i);
		}
		try (PreparedStatement insert = this.db.prepareStatement("""
				INSERT INTO auth_sessions (user_id, expires_at)
				SELECT u, now() + interval '1 day' FROM unnest(?::bigint[]) u
				RETURNING id, user_id""")) {
			Array array = this.db.createArrayOf("bigint", memberUsers);
			insert.setArray(1, array);
			try (ResultSet rows = insert.executeQuery()) {
				while (rows.next()) {
					sessionIds[indexOfUser.get(rows.getLong(2))] = rows.getLong(1);
				}
			}
		}
		String[] tokens = new String[users];
		for (int i = 0; i < users; i++) {
			tokens[i] = token(userIds[i], sessionIds[i]);
		}
		return new Population(rooms, members, roomIds, userIds, tokens);
	}

	/**
	 * Fills a room with {@code count} messages in one {@code generate_series} insert and
	 * moves its {@code last_seq}, then refreshes the planner's statistics.
	 */
	void fillHistory(long roomId, long senderId, int count) throws SQLException {
		try (PreparedStatement insert = this.db.prepareStatement("""
				INSERT INTO messages (room_id, seq, sender_id, content, created_at)
				SELECT ?, g, ?, 'history message ' || g || ' lorem ipsum dolor sit amet, consectetur adipiscing elit',
				       now() - (? - g) * interval '1 millisecond'
				FROM generate_series(1, ?) g""")) {
			insert.setLong(1, roomId);
			insert.setLong(2, senderId);
			insert.setInt(3, count);
			insert.setInt(4, count);
			insert.executeUpdate();
		}
		try (PreparedStatement update = this.db.prepareStatement("UPDATE rooms SET last_seq = ? WHERE id = ?")) {
			update.setLong(1, count);
			update.setLong(2, roomId);
			update.executeUpdate();
		}
		try (Statement analyze = this.db.createStatement()) {
			analyze.execute("ANALYZE messages");
		}
	}

	/** Messages stored in the run's rooms (to check "every message persisted"). */
	long storedMessages() throws SQLException {
		try (PreparedStatement count = this.db.prepareStatement(
				"SELECT count(*) FROM messages m JOIN rooms r ON r.id = m.room_id WHERE r.slug LIKE ?")) {
			count.setString(1, "bench-" + this.tag + "-%");
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/** Deletes the run's rooms (their messages and memberships cascade) and users. */
	void cleanup() throws SQLException {
		try (PreparedStatement rooms = this.db.prepareStatement("DELETE FROM rooms WHERE slug LIKE ?");
				PreparedStatement users = this.db.prepareStatement("DELETE FROM users WHERE username LIKE ?")) {
			rooms.setString(1, "bench-" + this.tag + "-%");
			rooms.executeUpdate();
			users.setString(1, "bench" + this.tag + "u%");
			users.executeUpdate();
		}
	}

	private String token(long userId, long sessionId) {
		long now = System.currentTimeMillis() / 1000 * 1000 - 1000;
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience("parley")
			.subject(Long.toString(userId))
			.claim("sid", sessionId)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(new Date(now))
			.expirationTime(new Date(now + 2 * 3600_000L))
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	@Override
	public void close() throws SQLException {
		this.db.close();
	}

	/** The run's rooms and users; socket {@code i} is user {@code i} in room {@code i / members}. */
	record Population(int rooms, int members, long[] roomIds, long[] userIds, String[] tokens) {

		int sockets() {
			return this.userIds.length;
		}

		long roomOf(int socket) {
			return this.roomIds[socket / this.members];
		}

	}

}

package io.parley.user;

import java.time.Instant;
import java.util.Collection;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.parley.web.Sql;

/**
 * SQL for {@code users}. Usernames are stored lower-case; e-mails are matched
 * case-insensitively through the {@code lower(email)} index.
 */
@Repository
public class UserRepository {

	private static final String COLUMNS = "id, username, email, password_hash, display_name, discoverable, "
			+ "email_verified, avatar_attachment_id, created_at";

	private final DatabaseClient db;

	UserRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Inserts a new, unverified user; empty when the username or e-mail is taken.
	 */
	public Mono<User> insert(String username, String email, String passwordHash, String displayName) {
		return this.db
			.sql("INSERT INTO users (username, email, password_hash, display_name) "
					+ "VALUES (:username, :email, :hash, :displayName) ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
			.bind("username", username)
			.bind("email", email)
			.bind("hash", passwordHash)
			.bind("displayName", displayName)
			.map(UserRepository::toUser)
			.one();
	}

	public Mono<User> findById(long id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
			.bind("id", id)
			.map(UserRepository::toUser)
			.one();
	}

	public Flux<User> findAllById(Collection<Long> ids) {
		return this.db.sql("SELECT " + COLUMNS + " FROM users WHERE id = ANY(:ids) ORDER BY id")
			.bind("ids", ids.toArray(Long[]::new))
			.map(UserRepository::toUser)
			.all();
	}

	public Mono<User> findByEmail(String email) {
		return this.db.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
			.bind("email", email)
			.map(UserRepository::toUser)
			.one();
	}

	/** By username or e-mail, case-insensitively. */
	public Mono<User> findByLogin(String login) {
		return this.db
			.sql("SELECT " + COLUMNS + " FROM users WHERE username = lower(:login) " + "UNION SELECT " + COLUMNS
					+ " FROM users WHERE lower(email) = lower(:login) LIMIT 1")
			.bind("login", login)
			.map(UserRepository::toUser)
			.one();
	}

	public Mono<Boolean> usernameExists(String username) {
		return this.db.sql("SELECT 1 FROM users WHERE username = :username")
			.bind("username", username)
			.map((row) -> true)
			.first()
			.defaultIfEmpty(false);
	}

	public Mono<Void> markEmailVerified(long id) {
		return this.db.sql("UPDATE users SET email_verified = true WHERE id = :id").bind("id", id).then();
	}

	public Mono<User> updateProfile(long id, @Nullable String displayName, @Nullable Boolean discoverable) {
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("UPDATE users SET display_name = COALESCE(:displayName, display_name), "
					+ "discoverable = COALESCE(:discoverable, discoverable) WHERE id = :id RETURNING " + COLUMNS)
			.bind("id", id);
		update = Sql.bindNullable(update, "displayName", displayName, String.class);
		update = Sql.bindNullable(update, "discoverable", discoverable, Boolean.class);
		return update.map(UserRepository::toUser).one();
	}

	static User toUser(Readable row) {
		return new User(row.get("id", Long.class), row.get("username", String.class), row.get("email", String.class),
				row.get("password_hash", String.class), row.get("display_name", String.class),
				row.get("discoverable", Boolean.class), row.get("email_verified", Boolean.class),
				row.get("avatar_attachment_id", Long.class), row.get("created_at", Instant.class));
	}

}

package io.parley.room;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.parley.user.UserPublic;

/**
 * SQL for {@code memberships}. Changes that depend on other members' roles run inside a
 * transaction that holds the room's row lock ({@link RoomRepository#lock}).
 */
@Repository
public class MembershipRepository {

	private static final String MEMBERS = "SELECT m.user_id, m.role, m.joined_at, u.username, u.display_name "
			+ "FROM memberships m JOIN users u ON u.id = m.user_id ";

	private final DatabaseClient db;

	MembershipRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The ids of a room's members, oldest member first: for fan-out, presence and
	 * receipts in other features.
	 */
	public Mono<List<Long>> memberIds(long roomId) {
		return this.db.sql("SELECT user_id FROM memberships WHERE room_id = :roomId ORDER BY joined_at, user_id")
			.bind("roomId", roomId)
			.map((row) -> row.get("user_id", Long.class))
			.all()
			.collectList();
	}

	/** Adds a member; false when they already were one. */
	/** Everyone who shares at least one room with the user, the user excluded. */
	public Mono<List<Long>> roomMateIds(long userId) {
		return this.db.sql("""
				SELECT DISTINCT other.user_id FROM memberships mine
				JOIN memberships other ON other.room_id = mine.room_id AND other.user_id <> mine.user_id
				WHERE mine.user_id = :userId
				""").bind("userId", userId).map((row) -> row.get("user_id", Long.class)).all().collectList();
	}

	/** Which of {@code roomIds} the user is a member of. */
	public Mono<List<Long>> roomsAmong(long userId, Collection<Long> roomIds) {
		return this.db.sql("SELECT room_id FROM memberships WHERE user_id = :userId AND room_id = ANY(:roomIds)")
			.bind("userId", userId)
			.bind("roomIds", roomIds.toArray(Long[]::new))
			.map((row) -> row.get("room_id", Long.class))
			.all()
			.collectList();
	}

	Mono<Boolean> insert(long roomId, long userId, Role role) {
		return this.db
			.sql("INSERT INTO memberships (room_id, user_id, role) VALUES (:roomId, :userId, :role) "
					+ "ON CONFLICT DO NOTHING")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.bind("role", role.wire())
			.fetch()
			.rowsUpdated()
			.map((count) -> count > 0);
	}

	/** A member's role; empty when they are not a member. */
	Mono<Role> role(long roomId, long userId) {
		return this.db.sql("SELECT role FROM memberships WHERE room_id = :roomId AND user_id = :userId")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.map((row) -> Role.fromWire(row.get("role", String.class)))
			.one();
	}

	Mono<Void> setRole(long roomId, long userId, Role role) {
		return this.db.sql("UPDATE memberships SET role = :role WHERE room_id = :roomId AND user_id = :userId")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.bind("role", role.wire())
			.then();
	}

	/** Removes a member; false when they were not one. */
	Mono<Boolean> delete(long roomId, long userId) {
		return this.db.sql("DELETE FROM memberships WHERE room_id = :roomId AND user_id = :userId")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.fetch()
			.rowsUpdated()
			.map((count) -> count > 0);
	}

	/**
	 * Who inherits a room from its leaving owner: the longest-standing admin, else the
	 * longest-standing member. Empty when nobody is left.
	 */
	Mono<Long> successor(long roomId) {
		return this.db
			.sql("SELECT user_id FROM memberships WHERE room_id = :roomId AND role <> 'owner' "
					+ "ORDER BY (role = 'admin') DESC, joined_at, user_id LIMIT 1")
			.bind("roomId", roomId)
			.map((row) -> row.get("user_id", Long.class))
			.one();
	}

	/** One member with their profile; empty when the user is not a member. */
	Mono<Member> find(long roomId, long userId) {
		return this.db.sql(MEMBERS + "WHERE m.room_id = :roomId AND m.user_id = :userId")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.map(MembershipRepository::toMember)
			.one();
	}

	/**
	 * A page of a room's members, longest-standing first, after the cursor's member.
	 * Sorted in memory after the primary key's range scan: rooms are small enough.
	 */
	Flux<Member> page(long roomId, @Nullable Cursor after, int rows) {
		return Keyset
			.page(this.db, MEMBERS + "WHERE m.room_id = :roomId", "(m.joined_at, m.user_id) >",
					"m.joined_at, m.user_id", (after != null) ? List.of(after.instant(0), after.id(1)) : null, rows)
			.bind("roomId", roomId)
			.map(MembershipRepository::toMember)
			.all();
	}

	private static Member toMember(Readable row) {
		// avatars are not served yet: UserPublic.of leaves avatarUrl null too
		return new Member(
				new UserPublic(row.get("user_id", Long.class), row.get("username", String.class),
						row.get("display_name", String.class), null),
				Role.fromWire(row.get("role", String.class)), row.get("joined_at", Instant.class));
	}

	/** A member with their public profile. */
	record Member(UserPublic user, Role role, Instant joinedAt) {
	}

}

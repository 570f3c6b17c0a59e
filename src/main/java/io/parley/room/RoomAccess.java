package io.parley.room;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Who may see and act in a room, decided in one query. A private room the caller is not
 * in does not exist for them (404 {@code room_not_found}); a public room they have not
 * joined is visible, but acting in it is 403 {@code not_a_member}.
 */
@Service
public class RoomAccess {

	private final DatabaseClient db;

	RoomAccess(DatabaseClient db) {
		this.db = db;
	}

	/** The room and the caller's membership, if the caller may see the room. */
	public Mono<Visible> visible(long roomId, long userId) {
		return this.db.sql("""
				SELECT r.id, r.kind, r.name, r.slug, r.visibility, r.last_seq, r.created_at,
				       m.role, m.joined_at, m.last_read_seq
				FROM rooms r LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = :userId
				WHERE r.id = :roomId
				""")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.map((row) -> new Visible(toRoom(row), toMembership(row, roomId, userId)))
			.one()
			.filter((visible) -> visible.membership() != null || visible.room().isPublic())
			.switchIfEmpty(Mono.error(() -> RoomErrors.roomNotFound(roomId)));
	}

	/** The caller's membership; 404 or 403 as the visibility rule says. */
	public Mono<Member> requireMember(long roomId, long userId) {
		return visible(roomId, userId).flatMap((visible) -> (visible.membership() != null)
				? Mono.just(new Member(visible.room(), visible.membership())) : Mono.error(RoomErrors.notAMember()));
	}

	static RoomRow toRoom(Readable row) {
		return new RoomRow(row.get("id", Long.class), row.get("kind", String.class), row.get("name", String.class),
				row.get("slug", String.class), row.get("visibility", String.class), row.get("last_seq", Long.class),
				row.get("created_at", Instant.class));
	}

	private static @Nullable Membership toMembership(Readable row, long roomId, long userId) {
		String role = row.get("role", String.class);
		if (role == null) {
			return null;
		}
		return new Membership(roomId, userId, Role.fromWire(role), row.get("joined_at", Instant.class),
				row.get("last_read_seq", Long.class));
	}

	/** A room the caller may see, and their membership if they have one. */
	public record Visible(RoomRow room, @Nullable Membership membership) {
	}

	/** A room the caller is a member of. */
	public record Member(RoomRow room, Membership membership) {
	}

}

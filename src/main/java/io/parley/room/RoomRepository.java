package io.parley.room;

import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import io.parley.web.Sql;

/**
 * SQL for {@code rooms}, and the listings that join a room with the caller's membership
 * and, through {@link RoomActivity}, with the caller's activity in it: a listing, or a
 * page of them, is one statement.
 */
@Repository
class RoomRepository {

	/**
	 * A room as {@code :me} sees it. The member count and a direct room's name (the other
	 * member's display name) are correlated sub-queries served by the memberships primary
	 * key, so a page costs one statement whatever its size.
	 */
	private static final String LISTING = """
			SELECT r.id, r.kind, r.slug, r.visibility, r.last_seq, r.created_at, r.last_activity_at,
			       CASE WHEN r.kind = 'direct' THEN COALESCE((SELECT u.display_name FROM memberships o
			            JOIN users u ON u.id = o.user_id WHERE o.room_id = r.id AND o.user_id <> :me
			            ORDER BY o.user_id LIMIT 1), r.name) ELSE r.name END AS name,
			       (SELECT count(*) FROM memberships c WHERE c.room_id = r.id) AS member_count,
			       m.role, m.last_read_seq
			""";

	private static final String VISIBLE_TO_ME = LISTING
			+ " FROM rooms r LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = :me ";

	private final DatabaseClient db;

	private final RoomActivity activity;

	RoomRepository(DatabaseClient db, RoomActivity activity) {
		this.db = db;
		this.activity = activity;
	}

	/** Inserts a group room; empty when its slug is taken. */
	Mono<Long> insertGroup(String name, String slug, String visibility) {
		return this.db
			.sql("INSERT INTO rooms (kind, name, slug, visibility) VALUES ('group', :name, :slug, :visibility) "
					+ "ON CONFLICT (slug) DO NOTHING RETURNING id")
			.bind("name", name)
			.bind("slug", slug)
			.bind("visibility", visibility)
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	/** Slugs equal to {@code base} or made from it with a {@code -N} suffix. */
	Flux<String> slugsFrom(String base) {
		// base is [a-z0-9-] only, so it holds no LIKE wildcards
		return this.db.sql("SELECT slug FROM rooms WHERE slug = :base OR slug LIKE :pattern")
			.bind("base", base)
			.bind("pattern", base + "-%")
			.map((row) -> row.get("slug", String.class))
			.all();
	}

	Mono<RoomRow> findGroupBySlug(String slug) {
		return this.db
			.sql("SELECT id, kind, name, slug, visibility, last_seq, created_at FROM rooms "
					+ "WHERE slug = :slug AND kind = 'group'")
			.bind("slug", slug)
			.map(RoomAccess::toRoom)
			.one();
	}

	/**
	 * Locks the room row until the transaction ends: every change to a room's members and
	 * roles takes this lock first, so such changes to one room happen one at a time.
	 * Empty when the room is gone.
	 */
	Mono<Long> lock(long roomId) {
		return this.db.sql("SELECT id FROM rooms WHERE id = :id FOR UPDATE")
			.bind("id", roomId)
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	Mono<Void> update(long roomId, @Nullable String name, @Nullable String visibility) {
		GenericExecuteSpec update = this.db
			.sql("UPDATE rooms SET name = COALESCE(:name, name), visibility = COALESCE(:visibility, visibility) "
					+ "WHERE id = :id")
			.bind("id", roomId);
		update = Sql.bindNullable(update, "name", name, String.class);
		update = Sql.bindNullable(update, "visibility", visibility, String.class);
		return update.then();
	}

	Mono<Void> delete(long roomId) {
		return this.db.sql("DELETE FROM rooms WHERE id = :id").bind("id", roomId).then();
	}

	/** The room as {@code me} sees it, whether or not they may. */
	Mono<RoomListing> listing(long roomId, long me) {
		return this.db.sql(withActivity(VISIBLE_TO_ME + "WHERE r.id = :id"))
			.bind("me", me)
			.bind("id", roomId)
			.map(this::toListing)
			.one();
	}

	/**
	 * My rooms, newest activity first, after the cursor's room. The caller's memberships
	 * come from {@code memberships_user}; they are sorted in memory, which stays cheap
	 * because one user is in a bounded number of rooms. The activity is looked up for the
	 * rooms of the page only.
	 */
	Flux<RoomListing> inbox(long me, @Nullable Cursor after, int rows) {
		return Keyset
			.page(this.db, this::withActivity,
					LISTING + " FROM memberships m JOIN rooms r ON r.id = m.room_id WHERE m.user_id = :me",
					"(r.last_activity_at, r.id) <", "last_activity_at DESC, id DESC",
					(after != null) ? List.of(after.instant(0), after.id(1)) : null, rows)
			.bind("me", me)
			.map(this::toListing)
			.all();
	}

	/**
	 * Public group rooms whose slug or lower-cased name starts with {@code prefix}
	 * (already lower-case and LIKE-escaped), by slug. Served by {@code rooms_public_slug}
	 * and {@code rooms_public_name}.
	 */
	Flux<RoomListing> discover(long me, String prefix, @Nullable Cursor after, int rows) {
		String query = VISIBLE_TO_ME + "WHERE r.visibility = 'public' AND r.kind = 'group'"
				+ (prefix.isEmpty() ? "" : " AND (r.slug LIKE :prefix OR lower(r.name) LIKE :prefix)");
		GenericExecuteSpec spec = Keyset
			.page(this.db, this::withActivity, query, "(r.slug) >", "slug",
					(after != null) ? List.of(after.slug(0)) : null, rows)
			.bind("me", me);
		if (!prefix.isEmpty()) {
			spec = spec.bind("prefix", prefix + "%");
		}
		return spec.map(this::toListing).all();
	}

	/**
	 * The rows of {@code listings} (a query of {@link #LISTING}'s columns) each with the
	 * caller's activity in its room, as {@link RoomActivity} describes.
	 */
	private String withActivity(String listings) {
		return "SELECT listing.*, " + this.activity.columns() + " FROM (" + listings + ") listing "
				+ this.activity.joins();
	}

	private RoomListing toListing(Readable row) {
		String role = row.get("role", String.class);
		Long lastRead = row.get("last_read_seq", Long.class);
		return new RoomListing(RoomAccess.toRoom(row), row.get("member_count", Long.class),
				(role != null) ? Role.fromWire(role) : null, (lastRead != null) ? lastRead : 0,
				row.get("last_activity_at", Instant.class), this.activity.summary(row));
	}

}

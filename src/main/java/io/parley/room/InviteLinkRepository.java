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
 * SQL for {@code invite_links}. Whether a link is spent (revoked, expired or used up) is
 * decided by the database's clock, the same one that set {@code expires_at}.
 */
@Repository
class InviteLinkRepository {

	private static final String COLUMNS = "code, room_id, created_at, expires_at, max_uses, uses, "
			+ "(revoked_at IS NOT NULL OR expires_at <= now() OR uses >= max_uses) AS spent";

	private final DatabaseClient db;

	InviteLinkRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Link> insert(String code, long roomId, long createdBy, @Nullable Long expiresInSeconds,
			@Nullable Integer maxUses) {
		GenericExecuteSpec insert = this.db
			.sql("INSERT INTO invite_links (code, room_id, created_by, expires_at, max_uses) VALUES (:code, :roomId, "
					+ ":createdBy, now() + make_interval(secs => :expiresIn), :maxUses) RETURNING " + COLUMNS)
			.bind("code", code)
			.bind("roomId", roomId)
			.bind("createdBy", createdBy);
		insert = Sql.bindNullable(insert, "expiresIn",
				(expiresInSeconds != null) ? expiresInSeconds.doubleValue() : null, Double.class);
		insert = Sql.bindNullable(insert, "maxUses", maxUses, Integer.class);
		return insert.map(InviteLinkRepository::toLink).one();
	}

	/** A room's links that were not revoked, newest first, after the cursor's link. */
	Flux<Link> page(long roomId, @Nullable Cursor after, int rows) {
		return Keyset
			.page(this.db, "SELECT " + COLUMNS + " FROM invite_links WHERE room_id = :roomId AND revoked_at IS NULL",
					"(created_at, code) <", "created_at DESC, code DESC",
					(after != null) ? List.of(after.instant(0), after.text(1)) : null, rows)
			.bind("roomId", roomId)
			.map(InviteLinkRepository::toLink)
			.all();
	}

	/**
	 * Revokes a room's link (again, harmlessly); false when the room has no such link.
	 */
	Mono<Boolean> revoke(long roomId, String code) {
		return this.db
			.sql("UPDATE invite_links SET revoked_at = COALESCE(revoked_at, now()) "
					+ "WHERE code = :code AND room_id = :roomId")
			.bind("code", code)
			.bind("roomId", roomId)
			.fetch()
			.rowsUpdated()
			.map((count) -> count > 0);
	}

	/**
	 * Inside a transaction: the link, locked until the transaction ends, so two joins
	 * through it count their uses one after the other and never exceed its maximum.
	 */
	Mono<Link> lock(String code) {
		return this.db.sql("SELECT " + COLUMNS + " FROM invite_links WHERE code = :code FOR UPDATE")
			.bind("code", code)
			.map(InviteLinkRepository::toLink)
			.one();
	}

	Mono<Void> countUse(String code) {
		return this.db.sql("UPDATE invite_links SET uses = uses + 1 WHERE code = :code").bind("code", code).then();
	}

	private static Link toLink(Readable row) {
		Boolean spent = row.get("spent", Boolean.class);
		return new Link(row.get("code", String.class), row.get("room_id", Long.class),
				row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
				row.get("max_uses", Integer.class), row.get("uses", Integer.class), Boolean.TRUE.equals(spent));
	}

	/** A stored link; {@code spent} when revoked, expired or used up. */
	record Link(String code, long roomId, Instant createdAt, @Nullable Instant expiresAt, @Nullable Integer maxUses,
			int uses, boolean spent) {
	}

}

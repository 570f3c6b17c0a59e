package io.parley.message;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.parley.user.UserPublic;

/**
 * SQL for {@code messages}. Every read is a range scan of the {@code (room_id, seq)}
 * unique index; sends are stored in batches, one statement each, that allocate seqs under
 * the rooms' row locks, insert, and move the senders' read markers.
 */
@Repository
class MessageRepository {

	static final String COLUMNS = "m.id, m.room_id, m.seq, m.sender_id, m.kind, m.content, m.client_message_id, "
			+ "m.created_at, m.edited_at, m.deleted, u.username, u.display_name";

	/** {@link #COLUMNS} as NULLs, for a result row that is not a message. */
	private static final String NO_MESSAGE = String.join(", ", Collections.nCopies(COLUMNS.split(",").length, "NULL"));

	private static final String INSERT_BATCH = """
			WITH v AS (
			    SELECT * FROM unnest(CAST(:rooms AS bigint[]), CAST(:senders AS bigint[]),
			                         CAST(:contents AS text[]), CAST(:clientIds AS text[]),
			                         CAST(:origins AS bigint[]))
			        WITH ORDINALITY AS t(room_id, sender_id, content, client_message_id, origin, ord)),
			ok AS (
			    SELECT v.*, row_number() OVER (PARTITION BY v.room_id ORDER BY v.ord) AS k
			    FROM v JOIN memberships mem ON mem.room_id = v.room_id AND mem.user_id = v.sender_id),
			counts AS (SELECT room_id, count(*) AS n FROM ok GROUP BY room_id),
			locked AS (
			    SELECT r.id, r.last_seq FROM rooms r WHERE r.id IN (SELECT room_id FROM counts)
			    FOR NO KEY UPDATE SKIP LOCKED),
			bases AS (SELECT array_agg(id) AS ids, array_agg(last_seq) AS seqs FROM locked),
			upd AS (
			    UPDATE rooms r SET last_seq = b.seqs[array_position(b.ids, r.id)] + c.n, last_activity_at = now()
			    FROM counts c, bases b WHERE r.id = c.room_id AND array_position(b.ids, r.id) IS NOT NULL),
			m AS (
			    INSERT INTO messages (room_id, seq, sender_id, kind, content, client_message_id, origin)
			    SELECT ok.room_id, b.seqs[array_position(b.ids, ok.room_id)] + ok.k, ok.sender_id, 'text',
			           ok.content, NULLIF(ok.client_message_id, ''), NULLIF(ok.origin, 0)
			    FROM ok, bases b
			    WHERE array_position(b.ids, ok.room_id) IS NOT NULL -- locked: not busy, not deleted
			    RETURNING *),
			marks AS (
			    UPDATE memberships mem SET last_read_seq = GREATEST(mem.last_read_seq, x.top)
			    FROM (SELECT room_id, sender_id, max(seq) AS top FROM m GROUP BY room_id, sender_id) x
			    WHERE mem.room_id = x.room_id AND mem.user_id = x.sender_id),
			busy AS (
			    SELECT c.room_id FROM counts c, bases b
			    WHERE array_position(b.ids, c.room_id) IS NULL
			      AND EXISTS (SELECT 1 FROM rooms r WHERE r.id = c.room_id)) -- held by another transaction
			SELECT %s, NULL::bigint AS busy_room FROM m JOIN users u ON u.id = m.sender_id
			UNION ALL
			SELECT %s, room_id FROM busy
			""".formatted(COLUMNS, NO_MESSAGE);

	private final DatabaseClient db;

	MessageRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Stores many messages in one statement: rows of senders who are not members are left
	 * out; each room's row is locked and its {@code last_seq} bumped once for all its
	 * rows, numbered in the batch's order; senders' read markers move to their newest
	 * message. Each stored message comes back with its 1-based position in {@code rows}.
	 * A row repeating a client message id its sender used in that room before breaks the
	 * unique rule and fails the whole statement (see {@link #repeatedRows}); checking
	 * each row up front would put a probe of {@code messages} into every batch, whose
	 * plan PostgreSQL may cache while the table is small (a hash join over the whole
	 * table: measured, it made PostgreSQL the bottleneck within minutes).
	 * <p>
	 * A room whose row another transaction holds (a membership change, a room being
	 * deleted) is skipped, not waited for: its rows are stored by nobody and come back as
	 * {@link BatchResult#busyRooms()}, for the caller to try again, so one busy room
	 * never holds up the others in the batch.
	 * <p>
	 * No step joins two of the statement's intermediate results: PostgreSQL estimates one
	 * row for each and joins them by nested loops, which made a 128-row batch compare
	 * 16,000 pairs three times over. The locked rooms' seqs travel as one array row
	 * instead, and positions are matched here ({@link #inBatchOrder}).
	 */
	Mono<BatchResult> insertBatch(List<NewRow> rows) {
		return this.db.sql(INSERT_BATCH)
			.bind("rooms", rows.stream().map(NewRow::roomId).toArray(Long[]::new))
			.bind("senders", rows.stream().map(NewRow::senderId).toArray(Long[]::new))
			.bind("contents", rows.stream().map(NewRow::content).toArray(String[]::new))
			.bind("clientIds",
					rows.stream()
						.map((row) -> (row.clientMessageId() != null) ? row.clientMessageId() : "")
						.toArray(String[]::new))
			.bind("origins", rows.stream().map(NewRow::origin).toArray(Long[]::new))
			.map(MessageRepository::toBatchRow)
			.all()
			.collectList()
			.map((results) -> {
				List<Message> stored = new ArrayList<>(results.size());
				Set<Long> busyRooms = new HashSet<>();
				for (BatchRow result : results) {
					if (result instanceof StoredRow row) {
						stored.add(row.message());
					}
					else if (result instanceof BusyRoom room) {
						busyRooms.add(room.roomId());
					}
				}
				return new BatchResult(inBatchOrder(rows, stored), busyRooms);
			});
	}

	private static BatchRow toBatchRow(Readable row) {
		Long busyRoom = row.get("busy_room", Long.class);
		return (busyRoom != null) ? new BusyRoom(busyRoom) : new StoredRow(toMessage(row));
	}

	/**
	 * The 1-based positions of the rows whose client message id their sender has used in
	 * that room already: asked only after a batch broke the unique rule.
	 */
	Mono<Set<Integer>> repeatedRows(List<NewRow> rows) {
		return this.db.sql("""
				SELECT t.ord FROM unnest(CAST(:rooms AS bigint[]), CAST(:senders AS bigint[]),
				                         CAST(:clientIds AS text[]))
				    WITH ORDINALITY AS t(room_id, sender_id, client_message_id, ord)
				WHERE EXISTS (SELECT 1 FROM messages x WHERE x.room_id = t.room_id AND x.sender_id = t.sender_id
				                AND x.client_message_id = t.client_message_id)
				""")
			.bind("rooms", rows.stream().map(NewRow::roomId).toArray(Long[]::new))
			.bind("senders", rows.stream().map(NewRow::senderId).toArray(Long[]::new))
			.bind("clientIds", rows.stream().map(NewRow::clientMessageId).toArray(String[]::new))
			.map((row) -> row.get("ord", Long.class).intValue())
			.all()
			.collect(Collectors.toSet());
	}

	/**
	 * Pairs stored messages with the rows they came from. Within a room seqs follow the
	 * batch's order, and a sender's rows in a room are all stored or none (membership,
	 * the room's lock), so the n-th stored message of a room and sender, by seq, is that
	 * pair's n-th row.
	 */
	static List<Stored> inBatchOrder(List<NewRow> rows, List<Message> stored) {
		Map<RoomSender, Deque<Message>> byPair = new HashMap<>();
		stored.stream()
			.sorted(Comparator.comparingLong(Message::seq))
			.forEach((message) -> byPair
				.computeIfAbsent(new RoomSender(message.roomId(), message.sender().id()), (pair) -> new ArrayDeque<>())
				.add(message));
		List<Stored> inOrder = new ArrayList<>(stored.size());
		for (int i = 0; i < rows.size(); i++) {
			Deque<Message> pending = byPair.get(new RoomSender(rows.get(i).roomId(), rows.get(i).senderId()));
			if (pending != null && !pending.isEmpty()) {
				inOrder.add(new Stored(i + 1, pending.poll()));
			}
		}
		return inOrder;
	}

	Mono<Long> lastSeq(long roomId) {
		return this.db.sql("SELECT last_seq FROM rooms WHERE id = :roomId")
			.bind("roomId", roomId)
			.map((row) -> row.get("last_seq", Long.class))
			.one();
	}

	Mono<Message> findByClientId(long roomId, long senderId, String clientMessageId) {
		return this.db.sql("SELECT " + COLUMNS + " FROM messages m JOIN users u ON u.id = m.sender_id "
				+ "WHERE m.room_id = :roomId AND m.sender_id = :senderId AND m.client_message_id = :clientMessageId")
			.bind("roomId", roomId)
			.bind("senderId", senderId)
			.bind("clientMessageId", clientMessageId)
			.map(MessageRepository::toMessage)
			.one();
	}

	Mono<Message> findById(long roomId, long messageId) {
		return this.db.sql(select("m.id = :id AND m.room_id = :roomId"))
			.bind("id", messageId)
			.bind("roomId", roomId)
			.map(MessageRepository::toMessage)
			.one();
	}

	/** Newest first, seqs below {@code beforeSeq}. */
	Flux<Message> before(long roomId, long readerId, long beforeSeq, int limit) {
		return page("m.seq < :seq ORDER BY m.seq DESC LIMIT :limit", roomId, readerId, beforeSeq, limit);
	}

	/** Oldest first, seqs above {@code afterSeq}. */
	Flux<Message> after(long roomId, long readerId, long afterSeq, int limit) {
		return page("m.seq > :seq ORDER BY m.seq LIMIT :limit", roomId, readerId, afterSeq, limit);
	}

	/**
	 * A page of a room's messages, empty unless {@code readerId} is a member: the access
	 * check rides along with the page instead of costing a round trip of its own.
	 */
	private Flux<Message> page(String rangeAndOrder, long roomId, long readerId, long seq, int limit) {
		return this.db
			.sql(select("m.room_id = :roomId AND EXISTS (SELECT 1 FROM memberships mem "
					+ "WHERE mem.room_id = :roomId AND mem.user_id = :readerId) AND " + rangeAndOrder))
			.bind("roomId", roomId)
			.bind("readerId", readerId)
			.bind("seq", seq)
			.bind("limit", limit)
			.map(MessageRepository::toMessage)
			.all();
	}

	/** Seqs {@code from} to {@code to} inclusive, in order. */
	Flux<Message> range(long roomId, long fromSeq, long toSeq) {
		return this.db.sql(select("m.room_id = :roomId AND m.seq BETWEEN :from AND :to ORDER BY m.seq"))
			.bind("roomId", roomId)
			.bind("from", fromSeq)
			.bind("to", toSeq)
			.map(MessageRepository::toMessage)
			.all();
	}

	/**
	 * Seqs {@code from} to {@code to} inclusive, in order, each with the connection it
	 * was sent from (0 for REST).
	 */
	Flux<MessagePosted> posted(long roomId, long fromSeq, long toSeq) {
		return this.db
			.sql("SELECT " + COLUMNS + ", m.origin FROM messages m JOIN users u ON u.id = m.sender_id "
					+ "WHERE m.room_id = :roomId AND m.seq BETWEEN :from AND :to ORDER BY m.seq")
			.bind("roomId", roomId)
			.bind("from", fromSeq)
			.bind("to", toSeq)
			.map((row) -> {
				Long origin = row.get("origin", Long.class);
				return new MessagePosted(toMessage(row), (origin != null) ? origin : 0);
			})
			.all();
	}

	Mono<Message> editContent(long roomId, long messageId, String content) {
		return this.db.sql("""
				WITH m AS (
				    UPDATE messages SET content = :content, edited_at = now()
				    WHERE id = :id AND room_id = :roomId AND NOT deleted RETURNING *)
				SELECT %s FROM m JOIN users u ON u.id = m.sender_id
				""".formatted(COLUMNS))
			.bind("content", content)
			.bind("id", messageId)
			.bind("roomId", roomId)
			.map(MessageRepository::toMessage)
			.one();
	}

	Mono<Message> markDeleted(long roomId, long messageId) {
		return this.db.sql("""
				WITH m AS (
				    UPDATE messages SET content = '', deleted = true
				    WHERE id = :id AND room_id = :roomId AND NOT deleted RETURNING *)
				SELECT %s FROM m JOIN users u ON u.id = m.sender_id
				""".formatted(COLUMNS))
			.bind("id", messageId)
			.bind("roomId", roomId)
			.map(MessageRepository::toMessage)
			.one();
	}

	/**
	 * Moves the marker forward (never back, never past the last seq); empty if it did not
	 * move.
	 */
	Mono<Long> moveReadMarker(long roomId, long userId, long seq) {
		return this.db.sql("""
				UPDATE memberships mem SET last_read_seq = LEAST(:seq, r.last_seq)
				FROM rooms r
				WHERE r.id = mem.room_id AND mem.room_id = :roomId AND mem.user_id = :userId
				  AND mem.last_read_seq < LEAST(:seq, r.last_seq)
				RETURNING mem.last_read_seq
				""")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.bind("seq", seq)
			.map((row) -> row.get("last_read_seq", Long.class))
			.one();
	}

	Flux<Receipt> receipts(long roomId) {
		return this.db.sql("SELECT user_id, last_read_seq FROM memberships WHERE room_id = :roomId ORDER BY user_id")
			.bind("roomId", roomId)
			.map((row) -> new Receipt(row.get("user_id", Long.class), row.get("last_read_seq", Long.class)))
			.all();
	}

	private static String select(String condition) {
		return "SELECT " + COLUMNS + " FROM messages m JOIN users u ON u.id = m.sender_id WHERE " + condition;
	}

	static Message toMessage(Readable row) {
		long senderId = row.get("sender_id", Long.class);
		return new Message(row.get("id", Long.class), row.get("room_id", Long.class), row.get("seq", Long.class),
				new UserPublic(senderId, row.get("username", String.class), row.get("display_name", String.class),
						null),
				row.get("kind", String.class), row.get("content", String.class), null,
				row.get("client_message_id", String.class), row.get("created_at", Instant.class),
				row.get("edited_at", Instant.class), row.get("deleted", Boolean.class));
	}

	/** A message to store. */
	record NewRow(long roomId, long senderId, String content, @Nullable String clientMessageId, long origin) {
	}

	private record RoomSender(long roomId, long senderId) {
	}

	/**
	 * What a batch did: the messages it stored, and the rooms it skipped because another
	 * transaction held them (their rows are not stored).
	 */
	record BatchResult(List<Stored> stored, Set<Long> busyRooms) {
	}

	/** One row of a batch's result. */
	private sealed interface BatchRow permits StoredRow, BusyRoom {

	}

	private record StoredRow(Message message) implements BatchRow {
	}

	private record BusyRoom(long roomId) implements BatchRow {
	}

	/** A stored message and its 1-based position in the batch it came in. */
	record Stored(int ordinal, Message message) {
	}

	/** A member's read marker. */
	record Receipt(long userId, long lastReadSeq) {
	}

}

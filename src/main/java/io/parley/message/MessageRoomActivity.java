package io.parley.message;

import io.r2dbc.spi.Readable;

import org.springframework.stereotype.Component;

import io.parley.room.RoomActivity;
import io.parley.web.ColumnPrefix;

/**
 * Gives room listings their last message and unread count as SQL inside the listing's own
 * statement. Per listed room the newest message is one backward step of the
 * {@code (room_id, seq)} index and the unread count a range scan of it above the read
 * marker, or, with many unread, a count of the caller's own messages (see
 * {@link #COUNTED_ONE_BY_ONE}). The message's columns carry a prefix (rooms have an
 * {@code id}, {@code kind} and {@code created_at} too) and are read by
 * {@link MessageRepository#toMessage}.
 */
@Component
class MessageRoomActivity implements RoomActivity {

	private static final ColumnPrefix LAST_MESSAGE = new ColumnPrefix("last_message_");

	/**
	 * Up to this many messages after the marker are counted one by one; with more, the
	 * count is the seqs after the marker (contiguous) minus the caller's own messages
	 * after it, which the {@code (room_id, sender_id, client_message_id) INCLUDE (seq)}
	 * index counts without reading the others' messages.
	 */
	static final int COUNTED_ONE_BY_ONE = 200;

	private static final String COLUMNS = LAST_MESSAGE.select(MessageRepository.COLUMNS) + """
			,
			CASE WHEN listing.role IS NULL THEN 0
			     WHEN listing.last_seq - listing.last_read_seq <= %d THEN
			       (SELECT count(*) FROM messages unread WHERE unread.room_id = listing.id
			          AND unread.seq > listing.last_read_seq AND unread.sender_id <> :me)
			     ELSE listing.last_seq - listing.last_read_seq
			       - (SELECT count(*) FROM messages own WHERE own.room_id = listing.id
			            AND own.sender_id = :me AND own.seq > listing.last_read_seq)
			END AS unread_count
			""".formatted(COUNTED_ONE_BY_ONE);

	private static final String JOINS = """
			LEFT JOIN LATERAL (
			    SELECT * FROM messages newest WHERE newest.room_id = listing.id AND listing.role IS NOT NULL
			    ORDER BY newest.seq DESC LIMIT 1) m ON true
			LEFT JOIN users u ON u.id = m.sender_id
			""";

	@Override
	public String columns() {
		return COLUMNS;
	}

	@Override
	public String joins() {
		return JOINS;
	}

	@Override
	public Summary summary(Readable row) {
		Readable lastMessage = LAST_MESSAGE.columnsOf(row);
		return new Summary((lastMessage.get("id") != null) ? MessageRepository.toMessage(lastMessage) : null,
				row.get("unread_count", Long.class));
	}

}

package io.parley.room;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * What a room view needs from the messages of its room: the newest message and how many
 * messages of others the caller has not read. The message feature (which depends on
 * rooms, not the other way round) implements it as SQL that the room listing's own
 * statement embeds, so a page of rooms comes with its activity in one query.
 * <p>
 * The listing statement is
 * {@code SELECT listing.*, <columns> FROM (<a page of listings>) listing <joins>}. The
 * fragments may refer to {@code listing.id} (the room), {@code listing.role} (the
 * caller's, null when they are not a member) and {@code listing.last_read_seq}, and to
 * the caller as {@code :me}. They add exactly one row per listing, and no activity for a
 * room the caller is not a member of (they may not read its messages). Their column names
 * must not clash with the listing's.
 */
public interface RoomActivity {

	/** The select list of the activity, after the listing's columns. */
	String columns();

	/** The joins that {@link #columns()} reads from, after the page of listings. */
	String joins();

	/** The activity in a row of the listing statement. */
	Summary summary(Readable row);

	/**
	 * @param lastMessage the API's {@code Message} object of the newest message, or null
	 * @param unreadCount messages of others after the caller's read marker
	 */
	record Summary(@Nullable Object lastMessage, long unreadCount) {
	}

}

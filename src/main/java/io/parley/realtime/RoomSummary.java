package io.parley.realtime;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.parley.room.RoomAccess;

/**
 * The room as READY describes it.
 */
record RoomSummary(long id, String kind, String name, @Nullable String slug, String visibility, String myRole,
		long lastReadSeq, long lastSeq, Instant createdAt) {

	static RoomSummary of(RoomAccess.Member member) {
		return new RoomSummary(member.room().id(), member.room().kind(), member.room().name(), member.room().slug(),
				member.room().visibility(), member.membership().role().wire(), member.membership().lastReadSeq(),
				member.room().lastSeq(), member.room().createdAt());
	}

}

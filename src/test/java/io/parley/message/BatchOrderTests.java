package io.parley.message;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.user.UserPublic;

import static org.assertj.core.api.Assertions.assertThat;

class BatchOrderTests {

	@Test
	void storedMessagesGoBackToTheirRowsAndNonMembersRowsToNone() {
		List<MessageRepository.NewRow> rows = List.of(row(1, 10, "a"), row(2, 20, "b"), row(1, 11, "not a member"),
				row(1, 10, "c"), row(2, 21, "d"), row(1, 12, "e"));
		// as the statement may return them: any order; room 1 numbered a=5, c=6, e=7
		List<Message> stored = List.of(message(1, 12, 7, "e"), message(2, 21, 9, "d"), message(1, 10, 6, "c"),
				message(2, 20, 8, "b"), message(1, 10, 5, "a"));

		List<MessageRepository.Stored> inOrder = MessageRepository.inBatchOrder(rows, stored);

		assertThat(inOrder).extracting(MessageRepository.Stored::ordinal).containsExactly(1, 2, 4, 5, 6);
		assertThat(inOrder).extracting((s) -> s.message().content()).containsExactly("a", "b", "c", "d", "e");
	}

	private static MessageRepository.NewRow row(long roomId, long senderId, String content) {
		return new MessageRepository.NewRow(roomId, senderId, content, null, 0);
	}

	private static Message message(long roomId, long senderId, long seq, String content) {
		return new Message(seq * 100, roomId, seq, new UserPublic(senderId, "u" + senderId, "U", null), "text", content,
				null, null, Instant.EPOCH, null, false);
	}

}

package io.parley.message;

import org.jspecify.annotations.Nullable;

import io.parley.web.FieldChecks;
import io.parley.web.Text;

/**
 * The field rules of a new message, shared by REST and WebSocket sends: content of 1–4000
 * characters after trimming (unless an attachment carries the message) and a client
 * message id of 1–64 characters.
 */
public final class NewMessages {

	static final int MAX_CONTENT = 4000;

	static final int MAX_CLIENT_MESSAGE_ID = 64;

	private NewMessages() {
	}

	/**
	 * The checked, trimmed message; throws {@code validation_failed} naming every bad
	 * field.
	 */
	public static MessageService.NewMessage checked(@Nullable String content, @Nullable String clientMessageId,
			@Nullable Long attachmentId) {
		String trimmed = (content != null) ? content.strip() : "";
		FieldChecks checks = new FieldChecks();
		checks.check(attachmentId != null || !trimmed.isEmpty(), "content", "must not be blank");
		checks.check(Text.length(trimmed) <= MAX_CONTENT, "content", "must be at most " + MAX_CONTENT + " characters");
		checks.checkLength("clientMessageId", clientMessageId, 1, MAX_CLIENT_MESSAGE_ID);
		checks.throwIfAny();
		return new MessageService.NewMessage(trimmed, clientMessageId, attachmentId);
	}

	/** The checked, trimmed content of an edit. */
	static String checkedContent(@Nullable String content) {
		return checked(content, null, null).content();
	}

}

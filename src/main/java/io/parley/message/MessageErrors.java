package io.parley.message;

import org.springframework.http.HttpStatus;

import io.parley.web.ParleyException;

/**
 * Errors of the message feature.
 */
public final class MessageErrors {

	private MessageErrors() {
	}

	public static ParleyException messageNotFound(long messageId) {
		return new ParleyException(HttpStatus.NOT_FOUND, "message_not_found",
				"No message with id " + messageId + " in this room.");
	}

	public static ParleyException attachmentNotFound() {
		return new ParleyException(HttpStatus.NOT_FOUND, "attachment_not_found", "No such attachment of yours.");
	}

}

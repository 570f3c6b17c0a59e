package io.parley.user;

import org.springframework.http.HttpStatus;

import io.parley.web.ParleyException;

/**
 * Errors of the user feature.
 */
public final class UserErrors {

	private UserErrors() {
	}

	public static ParleyException userNotFound(long id) {
		return new ParleyException(HttpStatus.NOT_FOUND, "user_not_found", "No user with id " + id + ".");
	}

	public static ParleyException attachmentNotFound() {
		return new ParleyException(HttpStatus.NOT_FOUND, "attachment_not_found", "No such attachment of yours.");
	}

}

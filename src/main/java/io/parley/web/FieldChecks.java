package io.parley.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field problems of one request so the client hears about all of them at once,
 * then throws a single {@code validation_failed}.
 */
public final class FieldChecks {

	private final List<FieldError> errors = new ArrayList<>();

	public FieldChecks reject(String field, String message) {
		this.errors.add(new FieldError(field, message));
		return this;
	}

	/** Records {@code message} against {@code field} unless {@code ok}. */
	public FieldChecks check(boolean ok, String field, String message) {
		return ok ? this : reject(field, message);
	}

	public boolean hasErrors() {
		return !this.errors.isEmpty();
	}

	public void throwIfAny() {
		if (hasErrors()) {
			throw new CommonErrors.ValidationFailed(this.errors);
		}
	}

}

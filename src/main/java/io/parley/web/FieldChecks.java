package io.parley.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

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

	/**
	 * Records "must be {@code min} to {@code max} characters" against {@code field}
	 * unless {@code text} is null or that long, counted in code points.
	 */
	public FieldChecks checkLength(String field, @Nullable String text, int min, int max) {
		return check(text == null || (Text.length(text) >= min && Text.length(text) <= max), field,
				"must be " + min + " to " + max + " characters");
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

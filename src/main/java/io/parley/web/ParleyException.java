package io.parley.web;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error a client is meant to see: an HTTP status, a stable snake_case {@code code}
 * clients switch on, and a human-readable detail. Every feature's errors extend it;
 * {@link ProblemWriter} renders them all as {@code application/problem+json}.
 */
public class ParleyException extends ErrorResponseException {

	private final String code;

	private final List<FieldError> fieldErrors;

	public ParleyException(HttpStatus status, String code, String detail) {
		this(status, code, detail, List.of(), null);
	}

	protected ParleyException(HttpStatus status, String code, String detail, List<FieldError> fieldErrors,
			@Nullable Throwable cause) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), cause);
		this.code = code;
		this.fieldErrors = List.copyOf(fieldErrors);
	}

	public String code() {
		return this.code;
	}

	public String detail() {
		String detail = getBody().getDetail();
		return (detail != null) ? detail : "";
	}

	public List<FieldError> fieldErrors() {
		return this.fieldErrors;
	}

	/** Adds {@code Retry-After}, rounded up to whole seconds (at least one). */
	public ParleyException retryAfter(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return this;
	}

	@Override
	public String getMessage() {
		return getStatusCode().value() + " " + this.code + ": " + detail();
	}

}

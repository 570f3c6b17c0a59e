package io.parley.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The errors every feature shares: malformed and invalid requests, missing routes,
 * authentication, rate limits and the opaque internal error.
 */
public final class CommonErrors {

	private CommonErrors() {
	}

	public static ParleyException malformedRequest(String detail) {
		return new ParleyException(HttpStatus.BAD_REQUEST, "malformed_request", detail);
	}

	public static ParleyException unauthenticated() {
		return new ParleyException(HttpStatus.UNAUTHORIZED, "unauthenticated",
				"Sign in: this request needs a valid access token.");
	}

	public static ParleyException forbidden(String detail) {
		return new ParleyException(HttpStatus.FORBIDDEN, "forbidden", detail);
	}

	public static ParleyException notFound(String detail) {
		return new ParleyException(HttpStatus.NOT_FOUND, "not_found", detail);
	}

	public static ParleyException methodNotAllowed(HttpMethod method, Set<HttpMethod> allowed) {
		ParleyException error = new ParleyException(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
				method.name() + " is not supported here; use "
						+ allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")) + ".");
		error.getHeaders().setAllow(allowed);
		return error;
	}

	public static ParleyException unsupportedMedia(String detail) {
		return new ParleyException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media", detail);
	}

	public static ParleyException requestTimeout(String detail) {
		return new ParleyException(HttpStatus.REQUEST_TIMEOUT, "request_timeout", detail);
	}

	public static ParleyException tooLarge(String detail) {
		return new ParleyException(HttpStatus.CONTENT_TOO_LARGE, "too_large", detail);
	}

	public static ParleyException rateLimited(Duration retryAfter) {
		return new ParleyException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Too many requests; try again later.")
			.retryAfter(retryAfter);
	}

	/** A part the server needs (the database) does not answer now. */
	public static ParleyException unavailable() {
		return new ParleyException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
				"The service is temporarily unavailable; try again shortly.")
			.retryAfter(Duration.ofSeconds(1));
	}

	public static ParleyException internalError(String reference) {
		return new ParleyException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"Something went wrong on our side (reference " + reference + ").");
	}

	/** A well-formed request that breaks field rules. */
	public static final class ValidationFailed extends ParleyException {

		public ValidationFailed(List<FieldError> errors) {
			super(HttpStatus.BAD_REQUEST, "validation_failed",
					errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")),
					errors, null);
		}

	}

}

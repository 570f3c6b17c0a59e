package io.parley.web;

import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.core.codec.DecodingException;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebInputException;

/**
 * Reads a JSON object body into a request record. A missing body, a body that is not JSON
 * or not an object, a field of the wrong JSON type and a string {@link Text#storable}
 * refuses all become 400 {@code malformed_request}; a non-JSON content type stays 415.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	public static <T> Mono<T> read(ServerRequest request, Class<T> type) {
		return readIfPresent(request, type)
			.switchIfEmpty(Mono.error(() -> CommonErrors.malformedRequest("A JSON object body is required.")));
	}

	/**
	 * Like {@link #read}, but an empty body (or JSON {@code null}) is an empty result
	 * rather than an error, for endpoints whose body is optional.
	 */
	public static <T> Mono<T> readIfPresent(ServerRequest request, Class<T> type) {
		return request.bodyToMono(type)
			.onErrorMap((ex) -> ex instanceof DecodingException || ex instanceof ServerWebInputException,
					RequestBodies::malformed);
	}

	private static ParleyException malformed(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof Text.UnstorableException unstorable) {
				return CommonErrors.malformedRequest(unstorable.getPath().isEmpty() ? unstorable.getOriginalMessage()
						: "Field '" + field(unstorable) + "' " + Text.UNSTORABLE + ".");
			}
			if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
				return CommonErrors.malformedRequest("Field '" + field(databind) + "' has the wrong JSON type.");
			}
		}
		return CommonErrors.malformedRequest("The body must be a JSON object.");
	}

	private static String field(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}

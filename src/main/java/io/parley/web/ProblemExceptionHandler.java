package io.parley.web;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every error that escapes a handler or filter as problem+json. Known framework
 * errors map to the API's codes; anything else is a 500 that names a reference for the
 * log and says nothing internal.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private final ProblemWriter writer;

	ProblemExceptionHandler(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		if (answeredByServer(exchange)) {
			// Reactor Netty refused the request itself (a broken chunked body: 400)
			log.debug("{} {} already answered by the HTTP server: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex.toString());
			return Mono.empty();
		}
		return this.writer.write(exchange.getResponse(), toProblem(exchange, ex));
	}

	private static boolean answeredByServer(ServerWebExchange exchange) {
		Object response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
		return response instanceof HttpServerResponse netty && netty.hasSentHeaders();
	}

	private ParleyException toProblem(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof ParleyException parley) {
			return parley;
		}
		if (ex instanceof MethodNotAllowedException notAllowed) {
			return CommonErrors.methodNotAllowed(exchange.getRequest().getMethod(),
					Set.copyOf(notAllowed.getSupportedMethods()));
		}
		if (ex instanceof UnsupportedMediaTypeStatusException) {
			return CommonErrors.unsupportedMedia("This endpoint takes application/json.");
		}
		if (ex instanceof InvalidMediaTypeException invalid) {
			return unreadableMediaType(exchange, invalid);
		}
		if (RequestTimeouts.isRequestTimeout(ex)) {
			return CommonErrors.requestTimeout("The request body did not arrive in time.");
		}
		if (ex instanceof NotAcceptableStatusException) {
			return new ParleyException(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
					"This endpoint answers application/json.");
		}
		if (isTooLarge(ex)) {
			return CommonErrors.tooLarge("The request body is too large.");
		}
		if (ex instanceof ServerWebInputException || ex instanceof DecodingException) {
			return CommonErrors.malformedRequest("The request could not be read.");
		}
		if (ex instanceof ResponseStatusException status && status.getStatusCode().value() == 404) {
			HttpMethod method = exchange.getRequest().getMethod();
			return CommonErrors.notFound("No route for " + method.name() + " " + exchange.getRequest().getPath() + ".");
		}
		if (ex instanceof AuthenticationException) {
			return CommonErrors.unauthenticated();
		}
		if (ex instanceof AccessDeniedException) {
			return CommonErrors.forbidden("You may not do this.");
		}
		if (ex instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
			return new ParleyException(HttpStatus.valueOf(status.getStatusCode().value()), "bad_request",
					"The request was not accepted.");
		}
		ParleyException outage = Unavailability.of(ex);
		if (outage != null) {
			log.warn("{} {} answered 503: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					ex.toString());
			return outage;
		}
		String reference = exchange.getRequest().getId();
		log.error("Unhandled error on {} {} (reference {})", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), reference, ex);
		return CommonErrors.internalError(reference);
	}

	/**
	 * 415 for an unreadable {@code Content-Type}, 400 for any other media type header.
	 */
	private static ParleyException unreadableMediaType(ServerWebExchange exchange, InvalidMediaTypeException ex) {
		String contentType = exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && contentType.equals(ex.getMediaType())) {
			return CommonErrors.unsupportedMedia("The Content-Type header could not be read; send application/json.");
		}
		return CommonErrors.malformedRequest("A media type header could not be read.");
	}

	private static boolean isTooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

}

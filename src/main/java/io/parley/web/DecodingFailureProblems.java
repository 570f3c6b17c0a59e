package io.parley.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Gives the answers Reactor Netty sends itself for a request it could not decode (414 a
 * request line too long, 431 headers too large, 400 not HTTP) a problem+json body like
 * every other error. Reactor Netty still decides the status, keeps pipelined answers in
 * order and closes the connection; this handler, between the HTTP codec and Reactor
 * Netty, only notes that a request failed to decode and fills in the empty body of the
 * answer that follows.
 */
final class DecodingFailureProblems extends ChannelDuplexHandler {

	private final ProblemWriter problems;

	/** A request failed to decode and its answer has not been written yet. */
	private boolean answerPending;

	DecodingFailureProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof HttpRequest request && request.decoderResult().isFailure()) {
			this.answerPending = true;
		}
		context.fireChannelRead(message);
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
		if (this.answerPending && message instanceof FullHttpResponse response && !response.content().isReadable()) {
			ParleyException problem = problemFor(response.status().code());
			if (problem != null) {
				this.answerPending = false;
				context.write(withBody(response, problem), promise);
				return;
			}
		}
		context.write(message, promise);
	}

	private FullHttpResponse withBody(FullHttpResponse response, ParleyException problem) {
		byte[] body = this.problems.body(problem);
		FullHttpResponse answer = response.replace(Unpooled.wrappedBuffer(body));
		response.release();
		answer.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
		return answer;
	}

	private static @Nullable ParleyException problemFor(int status) {
		return switch (status) {
			case 414 -> new ParleyException(HttpStatus.URI_TOO_LONG, "too_large", "The request line is too long.");
			case 431 -> new ParleyException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too_large",
					"The request's headers are too large.");
			case 400 -> CommonErrors.malformedRequest("The request is not valid HTTP.");
			default -> null;
		};
	}

}

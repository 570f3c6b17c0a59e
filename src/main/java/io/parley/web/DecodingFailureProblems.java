package io.parley.web;

import java.util.ArrayDeque;
import java.util.Queue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Gives the answers Reactor Netty sends itself for a request it could not take (414 a
 * request line too long, 431 headers too large, 400 not HTTP or an unusable {@code Host})
 * a problem+json body like every other error. Reactor Netty still decides the status,
 * keeps pipelined answers in order and closes the connection; this handler, between the
 * HTTP codec and Reactor Netty, pairs each answer with its request and fills in the empty
 * body of an answer whose request failed (marked by the codec, or by Reactor Netty
 * afterwards). It leaves the pipeline once a WebSocket handshake is answered.
 */
final class DecodingFailureProblems extends ChannelDuplexHandler {

	private final ProblemWriter problems;

	/** Requests read and not answered yet, in order (pipelining). */
	private final Queue<HttpRequest> unanswered = new ArrayDeque<>();

	DecodingFailureProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof HttpRequest request) {
			this.unanswered.add(request);
		}
		context.fireChannelRead(message);
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
		if (!(message instanceof HttpResponse response) || isInterim(response.status())) {
			context.write(message, promise);
			return;
		}
		HttpRequest request = this.unanswered.poll();
		ParleyException problem = (request != null && request.decoderResult().isFailure())
				? problemFor(response.status().code()) : null;
		if (problem != null && response instanceof FullHttpResponse full && !full.content().isReadable()) {
			context.write(withBody(full, problem), promise);
		}
		else {
			context.write(message, promise);
		}
		if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			context.pipeline().remove(this);
		}
	}

	/** 100 Continue and the like come before a request's answer, not instead of it. */
	private static boolean isInterim(HttpResponseStatus status) {
		return status.codeClass() == HttpStatusClass.INFORMATIONAL
				&& status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
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

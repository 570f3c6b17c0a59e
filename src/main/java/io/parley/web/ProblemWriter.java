package io.parley.web;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * The one place that turns a {@link ParleyException} into an RFC 9457
 * {@code application/problem+json} body, for routers, security and WebSocket handshakes
 * alike.
 */
@Component
public class ProblemWriter {

	private final JsonMapper json;

	public ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	/** The problem document as JSON bytes. */
	public byte[] body(ParleyException error) {
		HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", error.detail());
		problem.put("code", error.code());
		if (!error.fieldErrors().isEmpty()) {
			problem.put("errors", error.fieldErrors());
		}
		return this.json.writeValueAsBytes(problem);
	}

	/** Writes the problem as the whole response, with its status and headers. */
	public Mono<Void> write(ServerHttpResponse response, ParleyException error) {
		response.setStatusCode(error.getStatusCode());
		response.getHeaders().addAll(error.getHeaders());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer buffer = response.bufferFactory().wrap(body(error));
		return response.writeWith(Mono.just(buffer));
	}

}

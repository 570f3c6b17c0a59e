package io.parley.support;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * A real WebSocket client (Reactor Netty) for tests: frames received are queued and
 * awaited with a timeout; the close status is recorded.
 */
public final class TestSocket implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Marks a data frame that was not text (never JSON, which starts with '{'). */
	private static final String NOT_TEXT = "not a text frame: ";

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<CloseStatus> closed = Sinks.one();

	private final Sinks.One<Throwable> failed = Sinks.one();

	private final Disposable connection;

	private volatile @Nullable Throwable failure;

	private volatile @Nullable CloseStatus closeStatus;

	private volatile boolean upgraded;

	private TestSocket(URI uri, HttpHeaders headers, int maxFrame) {
		ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(
				reactor.netty.http.client.HttpClient.create(),
				() -> reactor.netty.http.client.WebsocketClientSpec.builder().maxFramePayloadLength(maxFrame));
		this.connection = client.execute(uri, headers, (session) -> {
			this.upgraded = true;
			Mono<Void> send = session.send(this.outbound.asFlux().map(session::textMessage));
			Mono<Void> receive = session.receive()
				.doOnNext((message) -> this.frames.add((message.getType() == WebSocketMessage.Type.TEXT)
						? message.getPayloadAsText() : NOT_TEXT + message.getType()))
				.then();
			session.closeStatus().subscribe((status) -> {
				this.closeStatus = status;
				this.closed.tryEmitValue(status);
			});
			return Mono.when(send, receive);
		}).subscribe(null, (ex) -> {
			this.failure = ex;
			this.failed.tryEmitValue(ex);
		});
	}

	public static TestSocket open(int port, String pathAndQuery, HttpHeaders headers) {
		return new TestSocket(URI.create("ws://localhost:" + port + pathAndQuery), headers, 1 << 20);
	}

	public static TestSocket open(int port, String pathAndQuery, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, bearer);
		return open(port, pathAndQuery, headers);
	}

	public void send(String text) {
		this.outbound.tryEmitNext(text);
	}

	/** The next frame as JSON; fails after 10 s. */
	public JsonNode next() {
		try {
			String frame = this.frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("No frame within " + WAIT + state());
			}
			if (frame.startsWith(NOT_TEXT)) {
				throw new AssertionError("Parley sends text frames only, but this one was " + frame);
			}
			return JSON.readTree(frame);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** What became of the socket, for a failure message. */
	private String state() {
		Throwable failure = this.failure;
		CloseStatus status = this.closeStatus;
		return ((failure != null) ? "; the connection failed: " + failure : "") + ((status != null)
				? "; closed with " + status : this.upgraded ? "; open" : "; the handshake has not completed");
	}

	/** The next frame of the given type, skipping others (e.g. PRESENCE). */
	public JsonNode next(String type) {
		java.util.List<String> skipped = new java.util.ArrayList<>();
		while (true) {
			JsonNode frame;
			try {
				frame = next();
			}
			catch (AssertionError ex) {
				throw new AssertionError("Waiting for " + type + " (skipped " + skipped + "): " + ex.getMessage());
			}
			String actual = frame.get("type").asString();
			if (type.equals(actual)) {
				return frame;
			}
			skipped.add(actual);
		}
	}

	/** Frames that arrived and have not been read yet, without waiting. */
	public int pending() {
		return this.frames.size();
	}

	public CloseStatus awaitClose() {
		CloseStatus status = this.closed.asMono().block(WAIT);
		if (status == null) {
			throw new AssertionError("Not closed within " + WAIT);
		}
		return status;
	}

	/** The HTTP status that refused the handshake. */
	public int awaitRefusal() {
		Throwable error = this.failed.asMono().block(WAIT);
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
				return handshake.response().status().code();
			}
		}
		throw new AssertionError("Expected a refused handshake, got " + error);
	}

	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		this.connection.dispose();
	}

}

package io.parley.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * A raw Reactor Netty WebSocket client that stops reading after its first frame, so the
 * server's writes back up (a small receive buffer, and no demand: Reactor Netty stops
 * reading the channel), until {@link #resumeReading()} lets it drain what was queued and
 * see how the server closed.
 */
public final class SlowSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

	private final Sinks.One<WebSocketCloseStatus> closed = Sinks.one();

	private final Sinks.Empty<Void> done = Sinks.empty();

	private final Sinks.One<Boolean> firstFrame = Sinks.one();

	private final Reader reader = new Reader();

	private final Disposable connection;

	private SlowSocket(URI uri, String bearer) {
		this.connection = HttpClient.create()
			.option(ChannelOption.SO_RCVBUF, 4096)
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, bearer))
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
			.uri(uri)
			.handle((in, out) -> {
				in.receiveCloseStatus().subscribe(this.closed::tryEmitValue);
				in.aggregateFrames()
					.receiveFrames()
					.filter(TextWebSocketFrame.class::isInstance)
					.map((frame) -> JSON.readTree(((TextWebSocketFrame) frame).text()))
					.subscribe(this.reader);
				return this.done.asMono();
			})
			.subscribe(null, (ex) -> this.closed.tryEmitError(ex));
	}

	/** Connects as {@code bearer} and waits for the first frame (READY). */
	public static SlowSocket open(int port, String pathAndQuery, String bearer) {
		SlowSocket socket = new SlowSocket(URI.create("ws://localhost:" + port + pathAndQuery), bearer);
		socket.firstFrame.asMono().block(Duration.ofSeconds(10));
		return socket;
	}

	/** Frames read so far. */
	public List<JsonNode> frames() {
		return this.frames;
	}

	/** Reads everything from now on. */
	public void resumeReading() {
		this.reader.requestUnbounded();
	}

	/** The close status the server sent; fails after {@code wait}. */
	public WebSocketCloseStatus awaitClose(Duration wait) {
		WebSocketCloseStatus status = this.closed.asMono()
			.timeout(wait, Mono.empty())
			.onErrorResume((ex) -> Mono.empty())
			.block();
		if (status == null) {
			throw new AssertionError("Not closed within " + wait + "; " + this.frames.size() + " frames read, the last "
					+ (this.frames.isEmpty() ? "none" : this.frames.get(this.frames.size() - 1)));
		}
		return status;
	}

	@Override
	public void close() {
		this.done.tryEmitEmpty();
		this.connection.dispose();
	}

	private final class Reader extends BaseSubscriber<JsonNode> {

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(1);
		}

		@Override
		protected void hookOnNext(JsonNode frame) {
			SlowSocket.this.frames.add(frame);
			SlowSocket.this.firstFrame.tryEmitValue(true);
		}

		@Override
		protected void hookFinally(reactor.core.publisher.SignalType type) {
			SlowSocket.this.done.tryEmitEmpty();
		}

	}

}

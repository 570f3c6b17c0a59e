package io.parley.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.reactivestreams.Subscription;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketOutbound;
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

	private volatile @Nullable WebsocketOutbound outbound;

	private volatile boolean talking;

	private SlowSocket(URI uri, String bearer) {
		this.connection = HttpClient.create()
			.option(ChannelOption.SO_RCVBUF, 4096)
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, bearer))
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
			.uri(uri)
			.handle((in, out) -> {
				this.outbound = out;
				in.receiveCloseStatus()
					.subscribe(this.closed::tryEmitValue, this.closed::tryEmitError, () -> this.closed
						.tryEmitError(new IllegalStateException("the connection ended without a close frame")));
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

	/**
	 * Reads everything from now on and answers every frame read with a pong, as a client
	 * answers the pings among what it catches up on: the server hears from the client
	 * while its last frames and its close are still on the way.
	 */
	public void resumeReadingAndTalking() {
		this.talking = true;
		resumeReading();
	}

	/**
	 * The close status the server sent; fails after {@code wait}, or when the connection
	 * ended without a close frame (dropped or reset).
	 */
	public WebSocketCloseStatus awaitClose(Duration wait) {
		WebSocketCloseStatus status;
		try {
			status = this.closed.asMono().timeout(wait, Mono.empty()).block();
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Dropped without a close frame (" + ex + "); " + read(), ex);
		}
		if (status == null) {
			throw new AssertionError("Not closed within " + wait + "; " + read());
		}
		return status;
	}

	private String read() {
		return this.frames.size() + " frames read, the last "
				+ (this.frames.isEmpty() ? "none" : this.frames.get(this.frames.size() - 1));
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
			WebsocketOutbound out = SlowSocket.this.outbound;
			if (SlowSocket.this.talking && out != null) {
				out.sendObject(new PongWebSocketFrame()).then().subscribe(null, (ex) -> {
				});
			}
			SlowSocket.this.firstFrame.tryEmitValue(true);
		}

		@Override
		protected void hookFinally(reactor.core.publisher.SignalType type) {
			SlowSocket.this.done.tryEmitEmpty();
		}

	}

}

package io.parley.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Opens {@code /room/{id}} sockets with bearer tokens and hands every text frame to a
 * {@link Listener}. Frames go out by writing straight to the Netty channel, so a sender
 * thread never waits; each socket counts as open from its READY frame to its close.
 */
final class Sockets implements AutoCloseable {

	private final LoopResources loops;

	private final HttpClient client;

	private final String base;

	final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

	final LongAdder failedHandshakes = new LongAdder();

	Sockets(Options options) {
		this.loops = LoopResources.create("bench", options.clientThreads(), true);
		this.client = HttpClient.create(ConnectionProvider.newConnection())
			.runOn(this.loops)
			.responseTimeout(Duration.ofSeconds(30));
		this.base = "ws://" + options.host() + ":" + options.port() + "/room/";
	}

	/**
	 * Opens sockets {@code 0..count-1} with at most {@code concurrency} handshakes at a
	 * time; completes when each is READY or has failed (bounded by {@code timeout}).
	 */
	Socket[] open(Fixtures.Population population, int count, int concurrency, Listener listener, Duration timeout) {
		Socket[] sockets = new Socket[count];
		AtomicInteger ready = new AtomicInteger();
		Flux.range(0, count).flatMap((i) -> {
			Socket socket = new Socket(i, i / population.members(), population.roomOf(i), listener);
			sockets[i] = socket;
			return connect(socket, population.tokens()[i]).doOnSuccess((v) -> {
				int n = ready.incrementAndGet();
				if (n % 2000 == 0) {
					System.out.printf("  %,d sockets ready%n", n);
				}
			}).onErrorResume((ex) -> {
				this.failedHandshakes.increment();
				return Mono.empty();
			});
		}, concurrency).then().timeout(timeout).onErrorResume((ex) -> {
			System.out.println("  connecting timed out: " + ex);
			return Mono.empty();
		}).block();
		return sockets;
	}

	private Mono<Void> connect(Socket socket, String token) {
		Sinks.Empty<Void> readySignal = Sinks.empty();
		socket.readySignal = readySignal;
		this.client.headers((headers) -> headers.set("Authorization", "Bearer " + token))
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
			.uri(this.base + socket.roomId)
			.handle((in, out) -> {
				in.withConnection((connection) -> socket.channel = connection.channel());
				in.receiveCloseStatus()
					.subscribe((status) -> this.closeCodes.computeIfAbsent(status.code(), (code) -> new LongAdder())
						.increment());
				return in.aggregateFrames(1 << 20).receiveFrames().doOnNext((frame) -> onFrame(socket, frame)).then();
			})
			.doFinally((signal) -> {
				boolean wasOpen = socket.open;
				socket.open = false;
				if (wasOpen) {
					socket.listener.onClosed(socket);
				}
				readySignal.tryEmitError(new IllegalStateException("closed before READY"));
			})
			.subscribe(null, (ex) -> readySignal.tryEmitError(ex));
		return readySignal.asMono().timeout(Duration.ofSeconds(60));
	}

	private void onFrame(Socket socket, WebSocketFrame frame) {
		if (!(frame instanceof TextWebSocketFrame text)) {
			return;
		}
		String payload = text.text();
		if (!socket.open && payload.startsWith("{\"type\":\"READY\"")) {
			socket.open = true;
			socket.listener.onReady(socket);
			socket.readySignal.tryEmitEmpty();
			return;
		}
		socket.listener.onFrame(socket, payload, Nanos.now());
	}

	@Override
	public void close() {
		this.loops.disposeLater().block(Duration.ofSeconds(10));
	}

	/** Closes every socket and waits (bounded) for the closes to go out. */
	static void closeAll(Socket[] sockets) {
		for (Socket socket : sockets) {
			if (socket != null && socket.channel != null) {
				socket.channel.close();
			}
		}
	}

	/** Receives every text frame after READY, on a Netty event-loop thread. */
	interface Listener {

		default void onReady(Socket socket) {
		}

		void onFrame(Socket socket, String payload, long receivedNanos);

		default void onClosed(Socket socket) {
		}

	}

	/** One socket: member {@code index % members} of room {@code roomIndex}. */
	static final class Socket {

		final int index;

		final int roomIndex;

		final long roomId;

		final Listener listener;

		volatile Channel channel;

		volatile boolean open;

		long counter;

		Sinks.Empty<Void> readySignal;

		Socket(int index, int roomIndex, long roomId, Listener listener) {
			this.index = index;
			this.roomIndex = roomIndex;
			this.roomId = roomId;
			this.listener = listener;
		}

		/** Queues a text frame; false when the socket is not open. */
		boolean send(String text) {
			Channel channel = this.channel;
			if (!this.open || channel == null || !channel.isActive()) {
				return false;
			}
			channel.writeAndFlush(new TextWebSocketFrame(text));
			return true;
		}

	}

}

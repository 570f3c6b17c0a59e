package io.parley.realtime;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * What one socket receives, as text, with the rules every socket shares: pongs count as
 * signs of life, a binary frame is a malformed frame, a text frame that is not UTF-8
 * closes with 1007, a message over the frame limit (also when it comes in fragments) with
 * 1009, and malformed frames in a row with 1008.
 */
final class SocketInput {

	private final Connection connection;

	private final Frames frames;

	private final int malformedBeforeClose;

	private final AtomicInteger malformedInRow = new AtomicInteger();

	SocketInput(Connection connection, Frames frames, RealtimeProperties properties) {
		this.connection = connection;
		this.frames = frames;
		this.malformedBeforeClose = properties.malformedFramesBeforeClose();
	}

	/**
	 * The socket's text frames, decoded, in order. Decoded inside {@code onNext}: Reactor
	 * Netty releases each frame's buffer right after it, so no prefetching operator may
	 * come before the decoding.
	 */
	Flux<String> texts(WebSocketSession session) {
		return session.receive().concatMap((message) -> switch (message.getType()) {
			case TEXT -> {
				String text = StrictUtf8.decode(message.getPayload());
				yield (text != null) ? Mono.just(text) : this.connection.close(StrictUtf8.INVALID).then(Mono.empty());
			}
			case BINARY -> malformed(null, "Frames are JSON text, not binary.", null).then(Mono.empty());
			case PONG -> {
				this.connection.pongReceived();
				yield Mono.empty();
			}
			default -> Mono.empty();
		});
	}

	/**
	 * Tells the client its frame was malformed; closes with 1008 when too many came in a
	 * row.
	 */
	Mono<Void> malformed(@Nullable Long roomId, String message, @Nullable String clientMessageId) {
		this.connection.send(this.frames.error(roomId, "malformed_frame", message, clientMessageId));
		if (this.malformedInRow.incrementAndGet() >= this.malformedBeforeClose) {
			return this.connection.close(Connection.POLICY);
		}
		return Mono.empty();
	}

	/** A well-formed frame came: the count of malformed ones in a row starts again. */
	void wellFormed() {
		this.malformedInRow.set(0);
	}

}

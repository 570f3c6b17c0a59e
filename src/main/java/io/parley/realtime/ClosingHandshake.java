package io.parley.realtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Ends a socket's TCP connection without losing the close frame the server sent.
 *
 * <p>
 * Reactor Netty closes the connection as soon as its close frame is handed to the kernel.
 * For a client that reads slowly (one closed with 1013) megabytes of frames may still
 * wait in the kernel ahead of that close frame. If the client sends anything after the
 * close (a pong answering a ping it is only now reading, a READ, its own close), Linux
 * answers the data that arrives on a closed socket with a reset and throws away what was
 * not delivered yet: the client sees the connection dropped after some of its frames, and
 * never the close frame or its code.
 *
 * <p>
 * So once a close frame has been written, closing only shuts down the output (a FIN
 * follows the close frame, and nothing is thrown away), keeps reading and dropping what
 * the client still sends, and closes the connection when the client closes its end (the
 * closing handshake is done).
 *
 * <p>
 * No frame is written after the close frame. Either way the connection ends at most
 * {@code linger} after the close frame was written, also when the client never reads it:
 * a client that stopped reading for good (the usual reason for a 1013) would otherwise
 * keep its connection and the frames queued for it.
 */
final class ClosingHandshake extends ChannelDuplexHandler {

	static final String NAME = "parleyClosingHandshake";

	private final long lingerMillis;

	private boolean closeFrameWritten;

	/** The close frame has been handed to the kernel. */
	private boolean closeFrameSent;

	private boolean lingering;

	private ClosingHandshake(Duration linger) {
		this.lingerMillis = linger.toMillis();
	}

	/**
	 * Added ahead of Reactor Netty's bridge, where it sees the close frame written (or
	 * last, when the bridge is gone: the connection is ending anyway). Safe from any
	 * thread.
	 */
	static void install(Channel channel, Duration linger) {
		SocketPipeline.addBeforeBridge(channel, NAME, new ClosingHandshake(linger));
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
		if (this.closeFrameWritten && (message instanceof WebSocketFrame || message instanceof ByteBuf)) {
			// nothing follows a close frame (frames queued by another thread while
			// closing; a ByteBuf is a frame framed already)
			ReferenceCountUtil.release(message);
			promise.trySuccess();
			return;
		}
		if (message instanceof CloseWebSocketFrame) {
			this.closeFrameWritten = true;
			ScheduledFuture<?> deadline = context.executor()
				.schedule(() -> context.close(), this.lingerMillis, TimeUnit.MILLISECONDS);
			context.channel().closeFuture().addListener((closed) -> deadline.cancel(false));
			ChannelPromise sent = promise.unvoid();
			sent.addListener((written) -> this.closeFrameSent = written.isSuccess());
			super.write(context, message, sent);
			return;
		}
		super.write(context, message, promise);
	}

	@Override
	public void close(ChannelHandlerContext context, ChannelPromise promise) throws Exception {
		Channel channel = context.channel();
		// lingers only once the close frame has left Netty's buffer: shutting the output
		// down would throw away what is still queued there
		if (!this.closeFrameSent || this.lingering || !channel.isActive() || !(channel instanceof DuplexChannel duplex)
				|| duplex.isOutputShutdown()) {
			super.close(context, promise);
			return;
		}
		this.lingering = true;
		channel.closeFuture().addListener((closed) -> promise.trySuccess());
		duplex.shutdownOutput().addListener((shut) -> {
			if (!shut.isSuccess()) {
				context.close();
			}
		});
		// reading the client's end (its FIN) closes the channel
		channel.config().setAutoRead(true);
		context.read();
	}

}

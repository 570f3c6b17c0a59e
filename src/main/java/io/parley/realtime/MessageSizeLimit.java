package io.parley.realtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a message that grows over the frame limit through fragments: its frames are
 * dropped and {@code onTooBig} runs once (the socket closes with 1009). A single frame
 * over the limit never gets here: the WebSocket decoder closes with 1009 itself. Runs on
 * the socket's event loop.
 */
final class MessageSizeLimit extends ChannelInboundHandlerAdapter {

	private final long maxBytes;

	private final Runnable onTooBig;

	private long messageBytes;

	private boolean tooBig;

	private MessageSizeLimit(long maxBytes, Runnable onTooBig) {
		this.maxBytes = maxBytes;
		this.onTooBig = onTooBig;
	}

	/** Puts the limit in front of the frame aggregation of the socket's channel. */
	static void install(Channel channel, long maxBytes, Runnable onTooBig) {
		SocketPipeline.addBeforeBridge(channel, "parleyMessageSize", new MessageSizeLimit(maxBytes, onTooBig));
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame
				|| message instanceof ContinuationWebSocketFrame) {
			WebSocketFrame frame = (WebSocketFrame) message;
			if (!(frame instanceof ContinuationWebSocketFrame)) {
				this.messageBytes = 0;
			}
			this.messageBytes += frame.content().readableBytes();
			if (this.tooBig || this.messageBytes > this.maxBytes) {
				ReferenceCountUtil.release(message);
				if (!this.tooBig) {
					this.tooBig = true;
					this.onTooBig.run();
				}
				return;
			}
		}
		context.fireChannelRead(message);
	}

}

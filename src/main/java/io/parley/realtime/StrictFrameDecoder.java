package io.parley.realtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.CharsetUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * Reactor Netty's RFC 6455 decoder with two holes closed, so that every protocol error
 * ends with a close frame, never with a bare TCP close:
 * <ul>
 * <li>a frame with reserved bits set is refused with 1002 (no extension is negotiated;
 * Reactor Netty's decoder lets them through);</li>
 * <li>a client's close frame with an invalid body (one byte, a code that may not be sent
 * such as 999 or 1005, a reason that is not UTF-8) is answered with 1002 (1007 for the
 * reason): Netty's decoder notes the closing handshake before it checks the body and then
 * closes the connection without answering.</li>
 * </ul>
 * Everything else is Netty's decoder as it was: masked frames only, {@code maxFrame}
 * bytes a frame (1009 beyond).
 */
final class StrictFrameDecoder extends WebSocket13FrameDecoder {

	private StrictFrameDecoder(int maxFrame, boolean compressed) {
		super(WebSocketDecoderConfig.newBuilder()
			.expectMaskedFrames(true)
			.allowMaskMismatch(false)
			.allowExtensions(compressed)
			.maxFramePayloadLength(maxFrame)
			.closeOnProtocolViolation(true)
			.build());
	}

	/**
	 * Takes the place of the socket's frame decoder. Call on the channel's event loop in
	 * the handshake's own turn, before the decoder has read anything.
	 */
	static void install(Channel channel, int maxFrame) {
		ChannelPipeline pipeline = channel.pipeline();
		ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
		if (decoder != null && !(decoder.handler() instanceof StrictFrameDecoder)) {
			// permessage-deflate, if it is ever turned on, sets the first reserved bit
			boolean compressed = pipeline.get(NettyPipeline.WsCompressionHandler) != null;
			pipeline.replace(decoder.name(), decoder.name(), new StrictFrameDecoder(maxFrame, compressed));
		}
	}

	@Override
	protected void checkCloseFrameBody(ChannelHandlerContext context, ByteBuf body) {
		WebSocketCloseStatus refusal = refusal(body);
		if (refusal != null) {
			// goes before the decoder's own empty write that closes the connection; after
			// the server's own close frame nothing goes out (ClosingHandshake)
			context.writeAndFlush(new CloseWebSocketFrame(refusal)).addListener(ChannelFutureListener.CLOSE);
		}
		super.checkCloseFrameBody(context, body);
	}

	/** Why a close frame's body is invalid, or null when it is valid (or empty). */
	static @Nullable WebSocketCloseStatus refusal(ByteBuf body) {
		if (!body.isReadable()) {
			return null;
		}
		if (body.readableBytes() < 2
				|| !WebSocketCloseStatus.isValidStatusCode(body.getUnsignedShort(body.readerIndex()))) {
			return WebSocketCloseStatus.PROTOCOL_ERROR;
		}
		if (!ByteBufUtil.isText(body, body.readerIndex() + 2, body.readableBytes() - 2, CharsetUtil.UTF_8)) {
			return WebSocketCloseStatus.INVALID_PAYLOAD_DATA;
		}
		return null;
	}

}

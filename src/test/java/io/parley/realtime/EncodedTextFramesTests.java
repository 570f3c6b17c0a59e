package io.parley.realtime;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EncodedTextFramesTests {

	/** Around each length boundary of RFC 6455's 7-bit, 16-bit and 64-bit lengths. */
	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 125, 126, 127, 65535, 65536, 70000 })
	void aClientsDecoderReadsTheFramedPayloadBack(int length) {
		byte[] payload = "x".repeat(length).getBytes(StandardCharsets.UTF_8);
		EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(
				WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
		client.writeInbound(EncodedTextFrames.encode(payload, ByteBufAllocator.DEFAULT));
		TextWebSocketFrame frame = client.readInbound();
		try {
			assertThat(frame.isFinalFragment()).isTrue();
			assertThat(frame.text()).hasSize(length).isEqualTo(new String(payload, StandardCharsets.UTF_8));
		}
		finally {
			frame.release();
			client.finishAndReleaseAll();
		}
	}

	@Test
	void aPayloadFramedLastIsSharedAndANewOneIsFramedAfresh() {
		byte[] first = "{\"type\":\"NEW_MESSAGE\"}".getBytes(StandardCharsets.UTF_8);
		byte[] equalButAnother = first.clone();
		// unpooled: duplicates count references on the frame itself
		ByteBufAllocator allocator = new UnpooledByteBufAllocator(true, true);
		ByteBuf one = EncodedTextFrames.of(first, allocator);
		ByteBuf two = EncodedTextFrames.of(first, allocator);
		ByteBuf three = EncodedTextFrames.of(equalButAnother, allocator);
		try {
			assertThat(two.unwrap()).isSameAs(one.unwrap());
			assertThat(three.unwrap()).isNotSameAs(one.unwrap());
			assertThat(three).isEqualTo(one);
			// the first frame is no longer kept: the two duplicates are its last owners
			assertThat(one.refCnt()).isEqualTo(2);
		}
		finally {
			one.release();
			two.release();
			three.release();
		}
		assertThat(one.refCnt()).isZero();
	}

	@Test
	void aFrameThatCannotBeAllocatedLeavesTheLastOneIntact() {
		byte[] first = "{\"type\":\"ACK\"}".getBytes(StandardCharsets.UTF_8);
		ByteBufAllocator allocator = new UnpooledByteBufAllocator(true, true);
		ByteBufAllocator exhausted = new AbstractByteBufAllocator(true) {
			@Override
			protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
				throw new OutOfMemoryError("no memory left");
			}

			@Override
			protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
				throw new OutOfMemoryError("no direct memory left");
			}

			@Override
			public boolean isDirectBufferPooled() {
				return false;
			}
		};
		ByteBuf one = EncodedTextFrames.of(first, allocator);
		assertThatExceptionOfType(OutOfMemoryError.class)
			.isThrownBy(() -> EncodedTextFrames.of("{}".getBytes(StandardCharsets.UTF_8), exhausted));
		ByteBuf again = EncodedTextFrames.of(first, allocator);
		try {
			assertThat(again).isEqualTo(one);
		}
		finally {
			one.release();
			again.release();
		}
	}

}

package io.parley.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline of a server-initiated close, on Netty's own in-memory channel: a client
 * that never takes the close frame (it stopped reading for good) still loses its
 * connection once the linger is over.
 */
class ClosingHandshakeTests {

	private static final Duration LINGER = Duration.ofSeconds(75);

	@Test
	void closeFrameWrittenButNeverFollowedByACloseThenTheConnectionEndsAfterTheLinger() {
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.freezeTime();
		ClosingHandshake.install(channel, LINGER);

		channel.writeAndFlush(new CloseWebSocketFrame(1013, "too slow"));
		channel.advanceTimeBy(LINGER.toMillis() - 1, TimeUnit.MILLISECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).as("open during the linger").isTrue();

		channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).as("open after the linger").isFalse();
		channel.finishAndReleaseAll();
	}

	@Test
	void framesWrittenAfterTheCloseFrameThenDropped() {
		EmbeddedChannel channel = new EmbeddedChannel();
		ClosingHandshake.install(channel, LINGER);
		TextWebSocketFrame late = new TextWebSocketFrame("late");

		channel.writeAndFlush(new TextWebSocketFrame("before"));
		channel.writeAndFlush(new CloseWebSocketFrame(4403, "removed"));
		channel.writeAndFlush(late);

		assertThat(channel.outboundMessages()).hasSize(2).last().isInstanceOf(CloseWebSocketFrame.class);
		assertThat(late.refCnt()).as("the dropped frame's buffer is released").isZero();
		channel.finishAndReleaseAll();
	}

	@Test
	void framesFramedAlreadyWrittenAfterTheCloseFrameThenDroppedToo() {
		EmbeddedChannel channel = new EmbeddedChannel();
		ClosingHandshake.install(channel, LINGER);
		ByteBuf late = EncodedTextFrames.encode("late".getBytes(StandardCharsets.UTF_8), ByteBufAllocator.DEFAULT);

		channel.writeAndFlush(new CloseWebSocketFrame(4403, "removed"));
		channel.writeAndFlush(late);

		assertThat(channel.outboundMessages()).hasSize(1).last().isInstanceOf(CloseWebSocketFrame.class);
		assertThat(late.refCnt()).as("the dropped frame's buffer is released").isZero();
		channel.finishAndReleaseAll();
	}

	@Test
	void onlyDataFramesWrittenThenNoDeadline() {
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.freezeTime();
		ClosingHandshake.install(channel, LINGER);

		channel.writeAndFlush(new TextWebSocketFrame("hello"));
		channel.advanceTimeBy(LINGER.toMillis() * 2, TimeUnit.MILLISECONDS);
		channel.runScheduledPendingTasks();

		assertThat(channel.isOpen()).isTrue();
		channel.finishAndReleaseAll();
	}

}

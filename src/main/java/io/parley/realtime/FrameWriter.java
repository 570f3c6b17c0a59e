package io.parley.realtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Writes a socket's outbound frames straight to its Netty channel: frames queued from any
 * thread are written by the channel's event loop in one pass and flushed once, so a burst
 * of deliveries costs one task and one system call, not one of each per frame. A frame
 * for many recipients is framed once per event loop ({@link EncodedTextFrames}), not once
 * per recipient.
 *
 * <p>
 * Memory is bounded twice: at most {@code maxQueued} frames wait for the event loop, and
 * at most {@code maxBufferedBytes} wait in Netty for a client that does not read. Either
 * overflow calls {@code onOverflow} (the connection closes with 1013).
 */
final class FrameWriter {

	private static final Object PING = new Object();

	private final Channel channel;

	private final int maxQueued;

	private final long maxBufferedBytes;

	private final Runnable onOverflow;

	private final Queue<Object> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	/** Set on overflow: the socket is being closed, and nothing more is written to it. */
	private volatile boolean overflowed;

	private volatile Sinks.@Nullable Empty<Void> writableWaiter;

	FrameWriter(Channel channel, int maxQueued, long maxBufferedBytes, Runnable onOverflow) {
		this.channel = channel;
		this.maxQueued = maxQueued;
		this.maxBufferedBytes = maxBufferedBytes;
		this.onOverflow = onOverflow;
		ChannelInboundHandlerAdapter writability = new ChannelInboundHandlerAdapter() {
			@Override
			public void channelWritabilityChanged(ChannelHandlerContext context) {
				if (context.channel().isWritable()) {
					wakeBulkSender();
				}
				context.fireChannelWritabilityChanged();
			}
		};
		SocketPipeline.addBeforeBridge(channel, "parleyWritability", writability);
	}

	void text(byte[] frame) {
		offer(frame);
	}

	void ping() {
		offer(PING);
	}

	private void offer(Object item) {
		if (this.overflowed) {
			return;
		}
		if (this.queued.incrementAndGet() > this.maxQueued) {
			this.queued.decrementAndGet();
			overflow();
			return;
		}
		this.pending.add(item);
		if (this.scheduled.compareAndSet(false, true)) {
			this.channel.eventLoop().execute(this::drain);
		}
	}

	/** Runs on the channel's event loop. */
	private void drain() {
		this.scheduled.set(false);
		if (!this.channel.isActive() || this.overflowed) {
			this.pending.clear();
			this.queued.set(0);
			wakeBulkSender();
			return;
		}
		// text frames come framed already (EncodedTextFrames), as buffers the RFC 6455
		// encoder passes on as they are; they go through the same handlers as all else
		boolean framed = this.channel.pipeline().get(WebSocket08FrameEncoder.class) != null;
		int written = 0;
		Object item;
		while ((item = this.pending.poll()) != null) {
			this.queued.decrementAndGet();
			if (item == PING) {
				this.channel.write(new PingWebSocketFrame(), this.channel.voidPromise());
			}
			else if (framed) {
				this.channel.write(EncodedTextFrames.of((byte[]) item, this.channel.alloc()),
						this.channel.voidPromise());
			}
			else {
				this.channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer((byte[]) item)),
						this.channel.voidPromise());
			}
			written++;
		}
		if (written > 0) {
			this.channel.flush();
		}
		if (buffered() > this.maxBufferedBytes) {
			overflow();
		}
		else if (this.channel.isWritable()) {
			wakeBulkSender();
		}
		if (!this.pending.isEmpty() && this.scheduled.compareAndSet(false, true)) {
			this.channel.eventLoop().execute(this::drain);
		}
	}

	/** No frame is written after the close that follows (it would come after 1013). */
	private void overflow() {
		this.overflowed = true;
		this.onOverflow.run();
	}

	private long buffered() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
	}

	/**
	 * Completes when the client is keeping up (the channel is writable and little is
	 * queued), so bulk senders such as a history replay wait instead of overflowing.
	 */
	Mono<Void> roomForBulk() {
		return Mono.defer(() -> {
			if (keepingUp()) {
				return Mono.empty();
			}
			Sinks.Empty<Void> waiter = Sinks.empty();
			this.writableWaiter = waiter;
			if (keepingUp() || !this.channel.isActive()) {
				waiter.tryEmitEmpty();
			}
			return waiter.asMono();
		});
	}

	private boolean keepingUp() {
		return this.channel.isWritable() && this.queued.get() <= this.maxQueued / 2;
	}

	/** Releases a waiting bulk sender (also when the socket closes). */
	void wakeBulkSender() {
		Sinks.Empty<Void> waiter = this.writableWaiter;
		if (waiter != null) {
			this.writableWaiter = null;
			waiter.tryEmitEmpty();
		}
	}

}

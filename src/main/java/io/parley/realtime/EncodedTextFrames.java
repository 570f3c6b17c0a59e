package io.parley.realtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;

/**
 * A message's frame goes to many sockets, one after the other on each event loop: each
 * loop frames the payload as a WebSocket text frame (RFC 6455, server side: unmasked, one
 * final fragment) into one direct buffer once, and every socket writes a duplicate of it,
 * with no copy and no encoder per socket. Each thread keeps the frame it encoded last,
 * keyed by the payload array's identity (frames are never changed once built).
 */
final class EncodedTextFrames {

	private static final FastThreadLocal<EncodedTextFrames> LAST = new FastThreadLocal<>() {
		@Override
		protected EncodedTextFrames initialValue() {
			return new EncodedTextFrames();
		}

		@Override
		protected void onRemoval(EncodedTextFrames last) {
			last.forget();
		}
	};

	private static final int FIN_TEXT = 0x81;

	private byte @Nullable [] payload;

	private @Nullable ByteBuf frame;

	private EncodedTextFrames() {
	}

	/**
	 * The payload as a whole text frame, for the caller to write (it owns the returned
	 * buffer: writing it releases it).
	 */
	static ByteBuf of(byte[] payload, ByteBufAllocator allocator) {
		return LAST.get().framed(payload, allocator);
	}

	private ByteBuf framed(byte[] payload, ByteBufAllocator allocator) {
		ByteBuf last = this.frame;
		if (this.payload == payload && last != null) {
			return last.retainedDuplicate();
		}
		// framed before the last one is let go: a failure keeps no freed buffer here
		ByteBuf frame = encode(payload, allocator);
		forget();
		this.frame = frame;
		this.payload = payload;
		return frame.retainedDuplicate();
	}

	private void forget() {
		ByteBuf last = this.frame;
		this.frame = null;
		this.payload = null;
		if (last != null) {
			last.release();
		}
	}

	static ByteBuf encode(byte[] payload, ByteBufAllocator allocator) {
		int length = payload.length;
		int header = (length < 126) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		ByteBuf frame = allocator.directBuffer(header + length);
		frame.writeByte(FIN_TEXT);
		if (length < 126) {
			frame.writeByte(length);
		}
		else if (length <= 0xFFFF) {
			frame.writeByte(126);
			frame.writeShort(length);
		}
		else {
			frame.writeByte(127);
			frame.writeLong(length);
		}
		frame.writeBytes(payload);
		return frame;
	}

}

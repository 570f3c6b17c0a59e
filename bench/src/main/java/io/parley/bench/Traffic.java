package io.parley.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

/**
 * The frames of a {@code fanout} or {@code acks} run and what they measure. Content is
 * {@code B|<send time>|xxx...} and the client message id {@code <send time>-<n>}, both
 * in nanoseconds of this JVM's clock, so a NEW_MESSAGE or an ACK tells its own latency.
 * A message counts in the measurement window when it was (scheduled to be) sent inside
 * it, whenever it arrives.
 */
final class Traffic implements Sockets.Listener {

	private static final String NEW_MESSAGE = "{\"type\":\"NEW_MESSAGE\"";

	private static final String ACK = "{\"type\":\"ACK\"";

	private static final String ERROR = "{\"type\":\"ERROR\"";

	private final String padding;

	private final AtomicIntegerArray openPerRoom;

	volatile long windowStart = Long.MAX_VALUE;

	volatile long windowEnd = Long.MAX_VALUE;

	/** Called after an ACK or an ERROR on a socket (closed-loop sending), may be null. */
	volatile java.util.function.Consumer<Sockets.Socket> onAnswer;

	final LongAdder written = new LongAdder();

	final LongAdder notWritten = new LongAdder();

	final LongAdder acks = new LongAdder();

	final LongAdder deliveries = new LongAdder();

	final LongAdder windowSent = new LongAdder();

	final LongAdder windowExpected = new LongAdder();

	final LongAdder windowAcks = new LongAdder();

	final LongAdder windowDeliveries = new LongAdder();

	/** Deliveries that arrived inside the window, whenever sent (throughput, CPU per frame). */
	final LongAdder arrivedInWindow = new LongAdder();

	final LongAdder acksArrivedInWindow = new LongAdder();

	final LongAdder otherFrames = new LongAdder();

	/** NEW_MESSAGE frames a socket got for its own send (not counted as deliveries). */
	final LongAdder ownEchoes = new LongAdder();

	final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	final Recorder deliveryLatency = new Recorder(3);

	final Recorder ackLatency = new Recorder(3);

	final Recorder deliveryTimeline = new Recorder(3);

	final Recorder ackTimeline = new Recorder(3);

	Traffic(int rooms, int contentSize) {
		this.openPerRoom = new AtomicIntegerArray(rooms);
		this.padding = "x".repeat(Math.max(0, contentSize - 30));
	}

	int openIn(int roomIndex) {
		return this.openPerRoom.get(roomIndex);
	}

	/** Sends one message stamped {@code sendNanos} (its scheduled time, in the open model). */
	void send(Sockets.Socket socket, long sendNanos) {
		long n = ++socket.counter;
		String frame = "{\"type\":\"SEND\",\"content\":\"B|" + sendNanos + "|" + socket.index + "|" + this.padding
				+ "\",\"clientMessageId\":\"" + sendNanos + "-" + n + "\"}";
		if (!socket.send(frame)) {
			this.notWritten.increment();
			return;
		}
		this.written.increment();
		if (sendNanos >= this.windowStart && sendNanos < this.windowEnd) {
			this.windowSent.increment();
			this.windowExpected.add(Math.max(0, openIn(socket.roomIndex) - 1));
		}
	}

	@Override
	public void onReady(Sockets.Socket socket) {
		this.openPerRoom.incrementAndGet(socket.roomIndex);
	}

	@Override
	public void onClosed(Sockets.Socket socket) {
		this.openPerRoom.decrementAndGet(socket.roomIndex);
	}

	@Override
	public void onFrame(Sockets.Socket socket, String payload, long now) {
		if (payload.startsWith(NEW_MESSAGE)) {
			int at = payload.indexOf("\"content\":\"B|");
			if (at < 0) {
				this.otherFrames.increment();
				return;
			}
			long sent = parseLong(payload, at + 13);
			int from = payload.indexOf('|', at + 13);
			if (from > 0 && parseLong(payload, from + 1) == socket.index) {
				// the contract says a sender's own connection gets no NEW_MESSAGE for its send
				this.ownEchoes.increment();
				return;
			}
			long micros = Math.max(0, (now - sent) / 1000);
			this.deliveries.increment();
			this.deliveryTimeline.recordValue(micros);
			if (sent >= this.windowStart && sent < this.windowEnd) {
				this.windowDeliveries.increment();
				this.deliveryLatency.recordValue(micros);
			}
			if (now >= this.windowStart && now < this.windowEnd) {
				this.arrivedInWindow.increment();
			}
		}
		else if (payload.startsWith(ACK)) {
			long sent = clientSendTime(payload);
			long micros = Math.max(0, (now - sent) / 1000);
			this.acks.increment();
			this.ackTimeline.recordValue(micros);
			if (sent >= this.windowStart && sent < this.windowEnd) {
				this.windowAcks.increment();
				this.ackLatency.recordValue(micros);
			}
			if (now >= this.windowStart && now < this.windowEnd) {
				this.acksArrivedInWindow.increment();
			}
			answered(socket);
		}
		else if (payload.startsWith(ERROR)) {
			int at = payload.indexOf("\"code\":\"");
			String code = (at < 0) ? "?" : payload.substring(at + 8, payload.indexOf('"', at + 8));
			this.errors.computeIfAbsent(code, (key) -> new LongAdder()).increment();
			answered(socket);
		}
		else {
			this.otherFrames.increment();
		}
	}

	private void answered(Sockets.Socket socket) {
		java.util.function.Consumer<Sockets.Socket> next = this.onAnswer;
		if (next != null) {
			next.accept(socket);
		}
	}

	private static long clientSendTime(String payload) {
		int at = payload.indexOf("\"clientMessageId\":\"");
		return (at < 0) ? Long.MAX_VALUE : parseLong(payload, at + 19);
	}

	private static long parseLong(String text, int from) {
		long value = 0;
		boolean negative = false;
		int i = from;
		if (i < text.length() && text.charAt(i) == '-') {
			negative = true;
			i++;
		}
		for (; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				break;
			}
			value = value * 10 + (c - '0');
		}
		return negative ? -value : value;
	}

}

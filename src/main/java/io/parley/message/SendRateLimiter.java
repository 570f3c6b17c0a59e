package io.parley.message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Sliding-window limit on sends per user and room (20 per 10 s by default). Kept in
 * memory: a send is the hottest path there is, and a user spread over several instances
 * gets at most that many times the limit, which is enough to stop a flood.
 */
@Component
class SendRateLimiter {

	private final int maxSends;

	private final long windowNanos;

	private static final int CLEANUP_EVERY = 4095;

	private final Map<Key, Deque<Long>> recent = new ConcurrentHashMap<>();

	private final AtomicLong calls = new AtomicLong();

	SendRateLimiter(MessageProperties properties) {
		this.maxSends = properties.sendsPerWindow();
		this.windowNanos = properties.sendWindow().toNanos();
	}

	/** Takes a slot, or tells how long until one frees up. */
	Optional<Duration> acquire(long userId, long roomId) {
		if ((this.calls.incrementAndGet() & CLEANUP_EVERY) == 0) {
			forgetIdle();
		}
		long now = System.nanoTime();
		Deque<Long> times = this.recent.computeIfAbsent(new Key(userId, roomId), (key) -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && now - times.peekFirst() >= this.windowNanos) {
				times.pollFirst();
			}
			if (times.size() >= this.maxSends) {
				return Optional.of(Duration.ofNanos(this.windowNanos - (now - times.peekFirst())));
			}
			times.addLast(now);
			return Optional.empty();
		}
	}

	/**
	 * Gives back the slot last taken for this user and room: the send was refused after
	 * all (shed), so it should not count against the sender's next try.
	 */
	void release(long userId, long roomId) {
		Deque<Long> times = this.recent.get(new Key(userId, roomId));
		if (times != null) {
			synchronized (times) {
				times.pollLast();
			}
		}
	}

	/** Drops windows that have gone quiet, so memory follows active senders only. */
	void forgetIdle() {
		long now = System.nanoTime();
		this.recent.entrySet().removeIf((entry) -> {
			synchronized (entry.getValue()) {
				Long last = entry.getValue().peekLast();
				return last == null || now - last >= this.windowNanos;
			}
		});
	}

	private record Key(long userId, long roomId) {
	}

}

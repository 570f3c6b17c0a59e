package io.parley.message;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The sends waiting to be stored, bounded ({@code parley.messages.max-queued-sends}): a
 * send that finds every place taken is shed, so an overloaded instance refuses the excess
 * at once instead of making every sender wait seconds. Shed sends are counted in
 * {@code parley.messages.shed} and reported in one WARN line per 10 s at most; sends held
 * back because their room was busy in {@code parley.messages.deferred}.
 */
@Component
class SendBacklog {

	/** What a shed sender is told to wait. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	static final Duration REPORT_EVERY = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(SendBacklog.class);

	private final int limit;

	private final AtomicInteger waiting = new AtomicInteger();

	private final Counter shed;

	private final Counter deferred;

	private final Counter refusedBusy;

	private final AtomicLong shedSinceReport = new AtomicLong();

	private final LongSupplier nanoTime;

	private final AtomicLong nextReport;

	@Autowired
	SendBacklog(MessageProperties properties, MeterRegistry meters) {
		this(properties.maxQueuedSends(), meters, System::nanoTime);
	}

	SendBacklog(int limit, MeterRegistry meters, LongSupplier nanoTime) {
		this.limit = limit;
		this.shed = Counter.builder("parley.messages.shed")
			.description("Sends refused with rate_limited because too many were waiting to be stored")
			.register(meters);
		this.deferred = Counter.builder("parley.messages.deferred")
			.description("Sends held back and tried again because another transaction held their room")
			.register(meters);
		this.refusedBusy = Counter.builder("parley.messages.busy.refused")
			.description("Held-back sends refused with rate_limited because their room stayed busy too long")
			.register(meters);
		this.nanoTime = nanoTime;
		this.nextReport = new AtomicLong(nanoTime.getAsLong());
	}

	/**
	 * Takes a place for one send; false (and the send counted as shed) when all are
	 * taken.
	 */
	boolean tryEnter() {
		if (this.waiting.incrementAndGet() <= this.limit) {
			return true;
		}
		this.waiting.decrementAndGet();
		this.shed.increment();
		this.shedSinceReport.incrementAndGet();
		reportAtMostEvery(REPORT_EVERY);
		return false;
	}

	/** A waiting send was taken into a batch or settled: its place is free. */
	void left() {
		this.waiting.decrementAndGet();
	}

	/**
	 * A send taken into a batch waits again (its room was busy): it takes a place again,
	 * even past the limit, since it was admitted already.
	 */
	void placeRetaken() {
		this.waiting.incrementAndGet();
	}

	/** A send is held back because its room was busy (counted once per send). */
	void deferred() {
		this.deferred.increment();
	}

	/** Held-back sends were refused: their room stayed busy for too long. */
	void refusedBusy(int sends) {
		this.refusedBusy.increment(sends);
	}

	/** Sends waiting now. */
	int waiting() {
		return this.waiting.get();
	}

	private void reportAtMostEvery(Duration period) {
		long now = this.nanoTime.getAsLong();
		long due = this.nextReport.get();
		if (now - due >= 0 && this.nextReport.compareAndSet(due, now + period.toNanos())) {
			log.warn("Shedding sends: {} waiting to be stored, limit {}; {} shed since the last report",
					this.waiting.get(), this.limit, this.shedSinceReport.getAndSet(0));
		}
	}

}

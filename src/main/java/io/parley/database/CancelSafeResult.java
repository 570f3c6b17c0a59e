package io.parley.database;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * A statement's result that is read to its end even when nobody reads it: by its caller
 * (a cancelled caller's rows are drained) or, if the caller never starts, by
 * {@link #drainIfUnread()}. A result can be read once.
 */
final class CancelSafeResult implements Result {

	private static final Logger log = LoggerFactory.getLogger(CancelSafeResult.class);

	private final Result delegate;

	private final AtomicBoolean read;

	private final Drains drains;

	CancelSafeResult(Result delegate, Drains drains) {
		this(delegate, new AtomicBoolean(), drains);
	}

	private CancelSafeResult(Result delegate, AtomicBoolean read, Drains drains) {
		this.delegate = delegate;
		this.read = read;
		this.drains = drains;
	}

	@Override
	public Publisher<Long> getRowsUpdated() {
		return readOnce(this.delegate::getRowsUpdated);
	}

	@Override
	public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
		return readOnce(() -> this.delegate.map(mapping));
	}

	@Override
	public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
		return readOnce(() -> this.delegate.map(mapping));
	}

	@Override
	public Result filter(Predicate<Segment> filter) {
		return new CancelSafeResult(this.delegate.filter(filter), this.read, this.drains);
	}

	@Override
	public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
		return readOnce(() -> this.delegate.flatMap(mapping));
	}

	/**
	 * Reads the result to its end and drops it, unless someone has started reading it.
	 */
	void drainIfUnread() {
		if (this.read.compareAndSet(false, true)) {
			this.drains.started();
			try {
				Flux.from(this.delegate.getRowsUpdated()).subscribe(null, (error) -> {
					log.debug("Draining an abandoned result failed", error);
					this.drains.finished();
				}, this.drains::finished);
			}
			catch (RuntimeException ex) {
				log.debug("Draining an abandoned result failed", ex);
				this.drains.finished();
			}
		}
	}

	private <T> Flux<T> readOnce(Supplier<Publisher<T>> reading) {
		return Flux.defer(() -> {
			if (!this.read.compareAndSet(false, true)) {
				return Flux.error(new IllegalStateException("This result has already been read"));
			}
			return DrainOnCancel.of(reading.get(), this.drains);
		});
	}

}

package io.parley.database;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A stream whose cancellation does not reach its source: when the subscriber cancels, the
 * source is read to its end instead and what it still emits goes to a {@code leftover}
 * consumer. Used between a database driver and its callers, because r2dbc-postgresql
 * leaves a connection unusable when a statement is cancelled while its answer is on the
 * way.
 */
final class DrainOnCancel {

	private static final int ACTIVE = 0;

	private static final int DRAINING = 1;

	private static final int DONE = 2;

	private DrainOnCancel() {
	}

	/**
	 * The source as a stream whose cancellation drains it: {@code onCancel} runs once
	 * when the subscriber cancels, then every later element goes to {@code leftover};
	 * {@code drains} counts the source while it is drained.
	 */
	static <T> Flux<T> of(Publisher<T> source, Consumer<? super T> leftover, Runnable onCancel, Drains drains) {
		return of(source, (ignored) -> {
		}, leftover, onCancel, drains);
	}

	/**
	 * As above, and each element the subscriber was given goes to {@code delivered}
	 * afterwards; one the subscriber cancelled while taking it goes to {@code leftover}
	 * as well.
	 */
	static <T> Flux<T> of(Publisher<T> source, Consumer<? super T> delivered, Consumer<? super T> leftover,
			Runnable onCancel, Drains drains) {
		return Flux.from((subscriber) -> source
			.subscribe(new Draining<T>(Operators.toCoreSubscriber(subscriber), delivered, leftover, onCancel, drains)));
	}

	/** The source as a stream whose cancellation drains it, dropping what is left. */
	static <T> Flux<T> of(Publisher<T> source, Drains drains) {
		return of(source, (ignored) -> {
		}, () -> {
		}, drains);
	}

	private static final class Draining<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Consumer<? super T> delivered;

		private final Consumer<? super T> leftover;

		private final Runnable onCancel;

		private final Drains drains;

		private Subscription upstream = Operators.emptySubscription();

		private final AtomicInteger state = new AtomicInteger(ACTIVE);

		Draining(CoreSubscriber<? super T> actual, Consumer<? super T> delivered, Consumer<? super T> leftover,
				Runnable onCancel, Drains drains) {
			this.actual = actual;
			this.delivered = delivered;
			this.leftover = leftover;
			this.onCancel = onCancel;
			this.drains = drains;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(T element) {
			if (this.state.get() == DRAINING) {
				this.leftover.accept(element);
			}
			else {
				this.actual.onNext(element);
				// recorded first, then checked: a cancel that came meanwhile (MonoNext
				// cancels before it passes the element on) sees it or is seen here
				this.delivered.accept(element);
				if (this.state.get() == DRAINING) {
					this.leftover.accept(element);
				}
			}
		}

		@Override
		public void onError(Throwable error) {
			int previous = this.state.getAndSet(DONE);
			if (previous == ACTIVE) {
				this.actual.onError(error);
			}
			else if (previous == DRAINING) {
				this.drains.finished();
			}
		}

		@Override
		public void onComplete() {
			int previous = this.state.getAndSet(DONE);
			if (previous == ACTIVE) {
				this.actual.onComplete();
			}
			else if (previous == DRAINING) {
				this.drains.finished();
			}
		}

		@Override
		public void request(long n) {
			if (this.state.get() == ACTIVE) {
				this.upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			// counted first, so that a source ending right now is never uncounted
			this.drains.started();
			if (!this.state.compareAndSet(ACTIVE, DRAINING)) {
				this.drains.finished();
				return;
			}
			try {
				this.onCancel.run();
			}
			finally {
				this.upstream.request(Long.MAX_VALUE);
			}
		}

	}

}

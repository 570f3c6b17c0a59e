package io.parley.database;

import java.util.concurrent.atomic.AtomicBoolean;
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

	private DrainOnCancel() {
	}

	/**
	 * The source as a stream whose cancellation drains it: {@code onCancel} runs once
	 * when the subscriber cancels, then every later element goes to {@code leftover}.
	 */
	static <T> Flux<T> of(Publisher<T> source, Consumer<? super T> leftover, Runnable onCancel) {
		return Flux.from((subscriber) -> source
			.subscribe(new Draining<T>(Operators.toCoreSubscriber(subscriber), leftover, onCancel)));
	}

	private static final class Draining<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Consumer<? super T> leftover;

		private final Runnable onCancel;

		private Subscription upstream = Operators.emptySubscription();

		private final AtomicBoolean cancelled = new AtomicBoolean();

		Draining(CoreSubscriber<? super T> actual, Consumer<? super T> leftover, Runnable onCancel) {
			this.actual = actual;
			this.leftover = leftover;
			this.onCancel = onCancel;
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
			if (this.cancelled.get()) {
				this.leftover.accept(element);
			}
			else {
				this.actual.onNext(element);
			}
		}

		@Override
		public void onError(Throwable error) {
			if (!this.cancelled.get()) {
				this.actual.onError(error);
			}
		}

		@Override
		public void onComplete() {
			if (!this.cancelled.get()) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			if (!this.cancelled.get()) {
				this.upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			if (!this.cancelled.compareAndSet(false, true)) {
				return;
			}
			this.onCancel.run();
			this.upstream.request(Long.MAX_VALUE);
		}

	}

}

package io.parley.web;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Runs a {@link Mono} at most once, on the first subscription, and shares its outcome
 * with every subscriber, like {@link Mono#cache()}, but lets go of the source once it has
 * been started: {@code cache()} keeps the source's whole assembly (and everything its
 * lambdas captured: queries, tokens, headers) for as long as the cached {@code Mono} is
 * referenced, which for a WebSocket handshake is the life of the connection. A subscriber
 * that cancels does not cancel the shared run.
 */
public final class SharedResult<T> {

	private @Nullable Mono<T> source;

	private @Nullable CompletableFuture<T> outcome;

	private SharedResult(Mono<T> source) {
		this.source = source;
	}

	public static <T> Mono<T> of(Mono<T> source) {
		SharedResult<T> shared = new SharedResult<>(source);
		return Mono.defer(() -> Mono.fromFuture(shared.outcome(), true));
	}

	private synchronized CompletableFuture<T> outcome() {
		if (this.outcome == null) {
			Mono<T> started = this.source;
			this.source = null;
			this.outcome = started.toFuture();
		}
		return this.outcome;
	}

}

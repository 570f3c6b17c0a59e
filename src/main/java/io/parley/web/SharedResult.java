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

	private final CompletableFuture<T> outcome = new CompletableFuture<>();

	private @Nullable Mono<T> source;

	private SharedResult(Mono<T> source) {
		this.source = source;
	}

	public static <T> Mono<T> of(Mono<T> source) {
		SharedResult<T> shared = new SharedResult<>(source);
		return Mono.defer(() -> Mono.fromFuture(shared.started(), true));
	}

	/** The outcome, after starting the source if this is the first call. */
	private CompletableFuture<T> started() {
		Mono<T> toStart;
		synchronized (this) {
			toStart = this.source;
			this.source = null;
		}
		if (toStart != null) {
			toStart.subscribe(this.outcome::complete, this.outcome::completeExceptionally,
					() -> this.outcome.complete(null));
		}
		return this.outcome;
	}

}

package io.parley.database;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.r2dbc.spi.Result;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The results of one execution (a statement or a batch), handed out so that a caller that
 * cancels never leaves the connection with an unread answer: the rest of the execution,
 * and every result the caller did not start reading, is read to its end and dropped.
 */
final class CancelSafeResults {

	private CancelSafeResults() {
	}

	static Flux<? extends Result> of(Publisher<? extends Result> execution, Drains drains) {
		return Flux.defer(() -> {
			Queue<CancelSafeResult> handedOut = new ConcurrentLinkedQueue<>();
			Flux<CancelSafeResult> results = Flux.from(execution).map((result) -> new CancelSafeResult(result, drains));
			return DrainOnCancel.of(results, handedOut::add, CancelSafeResult::drainIfUnread,
					() -> handedOut.forEach(CancelSafeResult::drainIfUnread), drains);
		});
	}

}

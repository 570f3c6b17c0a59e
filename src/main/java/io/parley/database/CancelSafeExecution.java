package io.parley.database;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.ExecuteFunction;

/**
 * Runs statements so that a caller that cancels (a closed socket, a failed zip partner, a
 * timeout) never leaves the connection with an unread answer: everything the statement
 * still returns is read and dropped.
 * <p>
 * Why: r2dbc-postgresql answers statements on one connection in order; a cancellation
 * that races with the arrival of a statement's result can leave that answer unread, and
 * every later statement on the connection then waits behind it for good, while the pool
 * counts the connection as idle (r2dbc-postgresql #661 and relatives).
 * <p>
 * Costs and limits: a cancelled statement goes on running after its connection is back in
 * the pool, and the next borrower's statement waits behind it; a statement cancelled
 * before it was sent still runs. Not covered, because they do not go through the
 * {@code DatabaseClient}: transaction commands of a {@code TransactionalOperator}, the
 * health check's validation, and a driver that cancels a result itself (an exception in a
 * row mapping).
 */
public final class CancelSafeExecution implements ExecuteFunction {

	@Override
	public Publisher<? extends Result> execute(Statement statement) {
		return Flux.defer(() -> {
			Queue<CancelSafeResult> handedOut = new ConcurrentLinkedQueue<>();
			Flux<CancelSafeResult> results = Flux.from(statement.execute()).map((result) -> {
				CancelSafeResult safe = new CancelSafeResult(result);
				handedOut.add(safe);
				return safe;
			});
			return DrainOnCancel.of(results, CancelSafeResult::drainIfUnread,
					() -> handedOut.forEach(CancelSafeResult::drainIfUnread));
		});
	}

}

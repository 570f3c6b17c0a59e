package io.parley.database;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Runs work in a database transaction that, once started, runs to its end (commit, or
 * rollback on error) even if its caller cancels: a closing socket or a client that hangs
 * up does not cut a change in half. A transaction that fails after its caller has left is
 * logged.
 * <p>
 * Why: Spring's R2DBC transaction manager loses the connection of a transaction cancelled
 * while it begins (spring-framework #32115): a pool of one connection is gone within a
 * few thousand such cancels.
 * <p>
 * Not for use inside another transaction: cancelling the outer one would roll it back
 * while this one still runs statements on its connection.
 */
@Component
public class Transactions {

	private static final Logger log = LoggerFactory.getLogger(Transactions.class);

	private final TransactionalOperator operator;

	public Transactions(TransactionalOperator operator) {
		this.operator = operator;
	}

	/**
	 * Runs {@code work} in a transaction, then {@code afterCommit} once it has committed
	 * (also when the caller has cancelled meanwhile; if {@code afterCommit} fails, that
	 * is logged, and the caller still gets the committed value).
	 */
	public <T> Mono<T> run(Mono<T> work, Runnable afterCommit) {
		AtomicBoolean callerLeft = new AtomicBoolean();
		// transactional(Mono) signals its value only after the commit has completed
		Mono<T> transaction = this.operator.transactional(work)
			.doOnSuccess((value) -> afterCommitted(afterCommit))
			.doOnError((error) -> {
				if (callerLeft.get()) {
					log.warn("A transaction whose caller had left failed and was rolled back", error);
				}
			});
		return Mono.fromDirect(DrainOnCancel.of(transaction, (leftover) -> {
		}, () -> callerLeft.set(true), new Drains()));
	}

	private static void afterCommitted(Runnable afterCommit) {
		try {
			afterCommit.run();
		}
		catch (RuntimeException ex) {
			log.error("An after-commit action failed; the transaction is committed", ex);
		}
	}

}

package io.parley.database;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Runs work in a database transaction that, once started, runs to its end (commit, or
 * rollback on error) even if its caller cancels: a closing socket or a client that hangs
 * up does not cut a change in half.
 * <p>
 * Why: Spring's R2DBC transaction manager loses the connection of a transaction cancelled
 * while it begins (spring-framework #32115): a pool of one connection is gone within a
 * few dozen such cancels.
 */
@Component
public class Transactions {

	private final TransactionalOperator operator;

	public Transactions(TransactionalOperator operator) {
		this.operator = operator;
	}

	/**
	 * Runs {@code work} in a transaction, then {@code afterCommit} once it has committed
	 * (also when the caller has cancelled meanwhile).
	 */
	public <T> Mono<T> run(Mono<T> work, Runnable afterCommit) {
		// transactional(Mono) signals its value only after the commit has completed
		Mono<T> transaction = this.operator.transactional(work).doOnSuccess((value) -> afterCommit.run());
		return Mono.fromDirect(DrainOnCancel.of(transaction, new Drains()));
	}

}

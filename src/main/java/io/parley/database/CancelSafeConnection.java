package io.parley.database;

import java.time.Duration;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A connection on which nothing its callers cancel is left half-answered: statements,
 * batches and commands (transactions, settings, validation) that are cancelled are read
 * to their end, and the connection goes back to its pool only once they have been, so
 * that the next borrower never waits behind them. Closing cannot be cancelled either.
 */
final class CancelSafeConnection implements Connection, Wrapped<Connection> {

	private final Connection delegate;

	private final Drains drains = new Drains();

	CancelSafeConnection(Connection delegate) {
		this.delegate = delegate;
	}

	@Override
	public Connection unwrap() {
		return this.delegate;
	}

	@Override
	public Statement createStatement(String sql) {
		return new CancelSafeStatement(this.delegate.createStatement(sql), this.drains);
	}

	@Override
	public Batch createBatch() {
		return new CancelSafeBatch(this.delegate.createBatch(), this.drains);
	}

	@Override
	public Publisher<Void> close() {
		// not counted in this connection's drains: closing waits for them to end
		return DrainOnCancel.of(this.drains.whenNone().then(Mono.from(this.delegate.close())), new Drains());
	}

	@Override
	public Publisher<Void> beginTransaction() {
		return safe(this.delegate.beginTransaction());
	}

	@Override
	public Publisher<Void> beginTransaction(TransactionDefinition definition) {
		return safe(this.delegate.beginTransaction(definition));
	}

	@Override
	public Publisher<Void> commitTransaction() {
		return safe(this.delegate.commitTransaction());
	}

	@Override
	public Publisher<Void> rollbackTransaction() {
		return safe(this.delegate.rollbackTransaction());
	}

	@Override
	public Publisher<Void> createSavepoint(String name) {
		return safe(this.delegate.createSavepoint(name));
	}

	@Override
	public Publisher<Void> releaseSavepoint(String name) {
		return safe(this.delegate.releaseSavepoint(name));
	}

	@Override
	public Publisher<Void> rollbackTransactionToSavepoint(String name) {
		return safe(this.delegate.rollbackTransactionToSavepoint(name));
	}

	@Override
	public Publisher<Void> setAutoCommit(boolean autoCommit) {
		return safe(this.delegate.setAutoCommit(autoCommit));
	}

	@Override
	public Publisher<Void> setLockWaitTimeout(Duration timeout) {
		return safe(this.delegate.setLockWaitTimeout(timeout));
	}

	@Override
	public Publisher<Void> setStatementTimeout(Duration timeout) {
		return safe(this.delegate.setStatementTimeout(timeout));
	}

	@Override
	public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
		return safe(this.delegate.setTransactionIsolationLevel(level));
	}

	@Override
	public Publisher<Boolean> validate(ValidationDepth depth) {
		return safe(this.delegate.validate(depth));
	}

	@Override
	public boolean isAutoCommit() {
		return this.delegate.isAutoCommit();
	}

	@Override
	public ConnectionMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public IsolationLevel getTransactionIsolationLevel() {
		return this.delegate.getTransactionIsolationLevel();
	}

	private <T> Publisher<T> safe(Publisher<T> command) {
		return DrainOnCancel.of(command, this.drains);
	}

}

package io.parley.database;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;

/** A statement whose execution is read to its end even when its caller cancels. */
final class CancelSafeStatement implements Statement {

	private final Statement delegate;

	private final Drains drains;

	CancelSafeStatement(Statement delegate, Drains drains) {
		this.delegate = delegate;
		this.drains = drains;
	}

	@Override
	public Statement add() {
		this.delegate.add();
		return this;
	}

	@Override
	public Statement bind(int index, Object value) {
		this.delegate.bind(index, value);
		return this;
	}

	@Override
	public Statement bind(String name, Object value) {
		this.delegate.bind(name, value);
		return this;
	}

	@Override
	public Statement bindNull(int index, Class<?> type) {
		this.delegate.bindNull(index, type);
		return this;
	}

	@Override
	public Statement bindNull(String name, Class<?> type) {
		this.delegate.bindNull(name, type);
		return this;
	}

	@Override
	public Statement returnGeneratedValues(String... columns) {
		this.delegate.returnGeneratedValues(columns);
		return this;
	}

	@Override
	public Statement fetchSize(int rows) {
		this.delegate.fetchSize(rows);
		return this;
	}

	@Override
	public Publisher<? extends Result> execute() {
		return CancelSafeResults.of(this.delegate.execute(), this.drains);
	}

}

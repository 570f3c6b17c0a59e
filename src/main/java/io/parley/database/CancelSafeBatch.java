package io.parley.database;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import org.reactivestreams.Publisher;

/** A batch whose execution is read to its end even when its caller cancels. */
final class CancelSafeBatch implements Batch {

	private final Batch delegate;

	private final Drains drains;

	CancelSafeBatch(Batch delegate, Drains drains) {
		this.delegate = delegate;
		this.drains = drains;
	}

	@Override
	public Batch add(String sql) {
		this.delegate.add(sql);
		return this;
	}

	@Override
	public Publisher<? extends Result> execute() {
		return CancelSafeResults.of(this.delegate.execute(), this.drains);
	}

}

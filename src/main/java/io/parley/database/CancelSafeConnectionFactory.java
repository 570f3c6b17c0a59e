package io.parley.database;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Hands out {@link CancelSafeConnection}s of a connection factory (the pool). Disposing
 * it disposes the pool.
 * <p>
 * Why: r2dbc-postgresql answers the commands of one connection in order; a cancellation
 * that races with the arrival of an answer can leave that answer unread, and every later
 * command on the connection then waits behind it for good, while the pool counts the
 * connection as idle (r2dbc-postgresql #661 and relatives).
 * <p>
 * Cost: a connection whose cancelled command is still running stays out of the pool until
 * that command has ended. Limits: the pool's own validation and its rollback on release
 * run on the raw connection; a result that a caller takes from a stream it cancels and
 * reads only later (after a thread switch) has been drained by then.
 */
public final class CancelSafeConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory>, Disposable {

	private final ConnectionFactory delegate;

	public CancelSafeConnectionFactory(ConnectionFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public Publisher<CancelSafeConnection> create() {
		return Mono.from(this.delegate.create()).map(CancelSafeConnection::new);
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.delegate;
	}

	@Override
	public void dispose() {
		if (this.delegate instanceof Disposable disposable) {
			disposable.dispose();
		}
	}

	@Override
	public boolean isDisposed() {
		return this.delegate instanceof Disposable disposable && disposable.isDisposed();
	}

}

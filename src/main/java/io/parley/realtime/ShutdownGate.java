package io.parley.realtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of the sockets, before the web server stops: refuse new handshakes,
 * let in-flight sends be stored and acknowledged (up to the grace period), then close
 * every socket with 1001 so clients reconnect elsewhere.
 */
@Component
class ShutdownGate implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShutdownGate.class);

	private final ConnectionRegistry registry;

	private final RealtimeProperties properties;

	private volatile boolean closed;

	private volatile boolean running;

	ShutdownGate(ConnectionRegistry registry, RealtimeProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	boolean closed() {
		return this.closed;
	}

	@Override
	public void start() {
		this.closed = false;
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.closed = true;
		log.info("Closing {} WebSocket connection(s) with 1001", this.registry.all().size());
		Flux.fromIterable(this.registry.all())
			.flatMap(Connection::idle)
			.then()
			.timeout(this.properties.shutdownGrace())
			.onErrorComplete()
			.doFinally((signal) -> {
				this.registry.all().forEach((connection) -> connection.close(Connection.GOING_AWAY));
				this.running = false;
				callback.run();
			})
			.subscribe();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the web server's graceful shutdown, which has a lower phase. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

}

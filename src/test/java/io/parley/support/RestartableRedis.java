package io.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * A real Redis (the binary of the embedded-redis jar) that can be stopped and started
 * again on the same port, to play a broker outage.
 */
public final class RestartableRedis {

	private final int port;

	private RedisServer server;

	private RestartableRedis(int port) {
		this.port = port;
	}

	public static RestartableRedis start() {
		try (ServerSocket socket = new ServerSocket(0)) {
			RestartableRedis redis = new RestartableRedis(socket.getLocalPort());
			socket.close();
			redis.restart();
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for Redis", ex);
		}
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Starts the server on its port (again). */
	public synchronized void restart() {
		try {
			this.server = new RedisServer(this.port);
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Redis on port " + this.port, ex);
		}
	}

	public synchronized void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * A real Redis server for tests ({@code PARLEY_TEST_REDIS_URL} is not needed): the binary
 * shipped in the embedded-redis jar, on a free port.
 */
public final class EmbeddedRedis {

	private final RedisServer server;

	private final int port;

	private EmbeddedRedis(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	public static EmbeddedRedis start() {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			RedisServer server = new RedisServer(port);
			server.start();
			return new EmbeddedRedis(server, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded Redis", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.parley.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An {@link IntegrationTest} with the room and message endpoints at hand and sockets
 * opened on the running server.
 */
public abstract class ApiIntegrationTest extends IntegrationTest {

	@LocalServerPort
	protected int port;

	protected ParleyApi api;

	@BeforeEach
	void setUpApi() {
		this.api = new ParleyApi(this.http);
	}

	/** A {@code /room/{id}} socket of {@code as} whose READY frame has been read. */
	protected TestSocket ready(AppSession as, long roomId) {
		TestSocket socket = TestSocket.open(this.port, "/room/" + roomId, as.bearer());
		socket.next("READY");
		return socket;
	}

}

package io.parley.realtime;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;
import io.parley.support.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client may send its first frame the moment the handshake completes, before the server
 * has started reading: that frame must be handled like any other, on every socket.
 */
class EarlyFrameIntegrationTests extends IntegrationTest {

	private static final int SOCKETS = 60;

	private static final int AT_ONCE = 10;

	@LocalServerPort
	int port;

	@Test
	void frameSentRightAfterTheHandshakeIsAnsweredOnEverySocket() {
		AppSession alice = this.accounts.newUser("alice");
		long roomId = Fixtures.room(alice.userId(), "private");
		for (int round = 0; round < SOCKETS / AT_ONCE; round++) {
			List<TestSocket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < AT_ONCE; i++) {
					String path = (i % 2 == 0) ? "/ws" : "/room/" + roomId;
					TestSocket socket = TestSocket.open(this.port, path, alice.bearer());
					socket.send("{\"type\":\"PING\"}");
					sockets.add(socket);
				}
				for (TestSocket socket : sockets) {
					assertThat(socket.next("PONG").get("type").asString()).isEqualTo("PONG");
				}
			}
			finally {
				sockets.forEach(TestSocket::close);
			}
		}
	}

}

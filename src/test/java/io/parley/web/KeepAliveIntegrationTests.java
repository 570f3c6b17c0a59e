package io.parley.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its next request on a keep-alive connection before the previous
 * answer is out (HTTP/1.1 pipelining, or a browser reusing a connection at once): when
 * the second request is answered at once (a 401) while the first is still being worked
 * on, the connection must still serve the requests that follow (Reactor Netty 1.3.6
 * stopped reading such a connection, reactor-netty #4361).
 */
class KeepAliveIntegrationTests extends IntegrationTest {

	private static final String SLOW = "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n";

	private static final String AT_ONCE = "GET /api/users/me HTTP/1.1\r\nHost: localhost\r\n\r\n";

	@LocalServerPort
	private int port;

	@Test
	void aRequestAnsweredAtOnceBehindAPendingOneLeavesTheConnectionServing() throws IOException {
		for (int round = 0; round < 30; round++) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(5000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				out.write((SLOW + AT_ONCE).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(status(in)).as("round %d, first answer", round).isEqualTo(200);
				assertThat(status(in)).as("round %d, second answer", round).isEqualTo(401);
				out.write(AT_ONCE.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(status(in)).as("round %d, the request after them", round).isEqualTo(401);
			}
		}
	}

	/** Reads one response (Content-Length or chunked body) and returns its status. */
	private static int status(InputStream in) throws IOException {
		String head = readUntil(in, "\r\n\r\n");
		int status = Integer.parseInt(head.substring(9, 12));
		String lower = head.toLowerCase(Locale.ROOT);
		if (lower.contains("transfer-encoding: chunked")) {
			while (true) {
				int size = Integer.parseInt(readUntil(in, "\r\n").trim(), 16);
				in.readNBytes(size + 2);
				if (size == 0) {
					break;
				}
			}
		}
		else {
			int at = lower.indexOf("content-length:");
			if (at >= 0) {
				int end = lower.indexOf("\r\n", at);
				in.readNBytes(Integer.parseInt(lower.substring(at + 15, end).trim()));
			}
		}
		return status;
	}

	private static String readUntil(InputStream in, String end) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		while (!bytes.toString(StandardCharsets.US_ASCII).endsWith(end)) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("Connection closed after: " + bytes.toString(StandardCharsets.US_ASCII));
			}
			bytes.write(next);
		}
		return bytes.toString(StandardCharsets.US_ASCII);
	}

}

package io.parley.support;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * The one place where the tests' {@link WebTestClient}s get their settings: the client of
 * {@link IntegrationTest}, {@link ParleyApi#onPort} and any other that a test builds.
 *
 * <p>
 * Every response body is read whole before {@code exchange()} returns, and kept on the
 * heap for the assertions that want it. A test that asserts only the status never
 * subscribes to the body, and Reactor Netty reads a response only as far as it is asked
 * for: after the read that brought the headers (one buffer, 512 bytes to 64 KiB as the
 * connection's recent reads suggest), nothing reads the rest of an unread body. Such a
 * response never ends and its pooled connection is never released; once they hold the
 * whole pool (16 connections to one server by default), every later request waits for a
 * connection until the test times out. A response that did fit in that read frees its
 * connection, but its body's buffers are never released (Netty's LEAK reports).
 *
 * <p>
 * So a response that never ends, such as an event stream, makes {@code exchange()} time
 * out: none of this API's responses is one.
 */
public final class TestClients {

	/**
	 * Patient: the machine is shared with other builds, and the first requests after
	 * start-up (password hashing, JIT) can pass WebTestClient's 5 s default.
	 */
	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

	private static final byte[] NO_BODY = new byte[0];

	private TestClients() {
	}

	/** A client of the Parley listening on {@code port} of this machine. */
	public static WebTestClient onPort(int port) {
		return configure(WebTestClient.bindToServer().baseUrl("http://localhost:" + port));
	}

	/** Builds the client with the settings every test client has. */
	public static WebTestClient configure(WebTestClient.Builder builder) {
		return builder.filter(readWholeBodies()).responseTimeout(RESPONSE_TIMEOUT).build();
	}

	/** Reads each response's body, releases its buffers, and answers it from a copy. */
	private static ExchangeFilterFunction readWholeBodies() {
		return ExchangeFilterFunction.ofResponseProcessor(TestClients::readWholeBody);
	}

	private static Mono<ClientResponse> readWholeBody(ClientResponse response) {
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
			.map(TestClients::copyAndRelease)
			.defaultIfEmpty(NO_BODY)
			.map((bytes) -> response.mutate().body((read) -> replay(bytes)).build());
	}

	private static byte[] copyAndRelease(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** The body as a fresh buffer for each subscriber; none for an empty body. */
	private static Flux<DataBuffer> replay(byte[] bytes) {
		if (bytes.length == 0) {
			return Flux.empty();
		}
		return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
	}

}

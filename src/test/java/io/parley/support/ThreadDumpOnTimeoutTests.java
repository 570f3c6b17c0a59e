package io.parley.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ThreadDumpOnTimeoutTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final ThreadDumpOnTimeout extension = new ThreadDumpOnTimeout(
			new PrintStream(this.printed, true, StandardCharsets.UTF_8));

	private final ExtensionContext context = mock(ExtensionContext.class);

	@Test
	void blockingReadTimedOutThenEveryThreadsStackIsPrintedAndTheFailureRethrown() throws Exception {
		given(this.context.getDisplayName()).willReturn("meWhenHungThenDumped()");
		given(this.context.getTestClass()).willReturn(Optional.of(ThreadDumpOnTimeoutTests.class));
		Throwable timeout = catchThrowable(() -> Mono.never().block(Duration.ofMillis(1)));
		Object monitor = new Object();
		CountDownLatch started = new CountDownLatch(1);
		Thread blocked = new Thread(() -> {
			started.countDown();
			synchronized (monitor) {
				monitor.hashCode();
			}
		}, "blocked-by-the-test");
		synchronized (monitor) {
			blocked.start();
			started.await(10, TimeUnit.SECONDS);
			Awaitility.await().until(() -> blocked.getState() == Thread.State.BLOCKED);

			assertThatThrownBy(() -> this.extension.handleTestExecutionException(this.context, timeout))
				.isSameAs(timeout);
		}
		blocked.join(10_000);

		assertThat(printed())
			.contains("Thread dump of the test JVM after meWhenHungThenDumped() in "
					+ ThreadDumpOnTimeoutTests.class.getName() + " timed out: " + timeout)
			.contains("\"" + Thread.currentThread().getName() + "\"")
			.contains(ThreadDumpOnTimeoutTests.class.getName()
					+ ".blockingReadTimedOutThenEveryThreadsStackIsPrintedAndTheFailureRethrown")
			.contains("\"blocked-by-the-test\"")
			.contains("BLOCKED")
			.contains("waiting to lock java.lang.Object@")
			.contains("owned by \"" + Thread.currentThread().getName() + "\"")
			.contains("- locked java.lang.Object@")
			.contains("cpu=")
			.endsWith("==== end of thread dump\n");
	}

	@Test
	void bytesNobodyReadThenShownInTheSocketsReceiveQueue() throws Exception {
		Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux only");
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			client.getOutputStream().write(new byte[1234]);
			client.getOutputStream().flush();
			String serverEnd = "127.0.0.1:" + server.getLocalPort();
			String clientEnd = "127.0.0.1:" + client.getLocalPort();
			Awaitility.await().untilAsserted(() -> {
				this.printed.reset();
				assertThatThrownBy(
						() -> this.extension.handleTestExecutionException(this.context, new TimeoutException()))
					.isInstanceOf(TimeoutException.class);
				assertThat(printed()).containsPattern(Pattern.quote(serverEnd) + " +-> " + Pattern.quote(clientEnd)
						+ " +ESTABLISHED +send-q=0 recv-q=1234\n");
			});
			assertThat(printed()).containsPattern(Pattern.quote(clientEnd) + " +-> " + Pattern.quote(serverEnd)
					+ " +ESTABLISHED +send-q=0 recv-q=0\n");
		}
	}

	@Test
	void procAddressesDecoded() {
		assertThat(ThreadDumpOnTimeout.address("0100007F:1F90")).isEqualTo("127.0.0.1:8080");
		assertThat(ThreadDumpOnTimeout.address("0000000000000000FFFF00000100007F:A27B")).isEqualTo("127.0.0.1:41595");
		assertThat(ThreadDumpOnTimeout.address("00000000000000000000000001000000:0050"))
			.isEqualTo("[00000000000000000000000001000000]:80");
	}

	@Test
	void timeoutAsCauseOrSuppressedThenDumpedBeforeEachAndAfterAll() {
		RuntimeException wrapped = new RuntimeException("request failed", new TimeoutException("no answer"));
		AssertionError suppressing = new AssertionError("expected 401");
		suppressing.addSuppressed(new ConditionTimeoutException("no mail"));

		assertThatThrownBy(() -> this.extension.handleBeforeEachMethodExecutionException(this.context, wrapped))
			.isSameAs(wrapped);
		assertThat(printed()).contains("timed out: " + wrapped).contains("==== end of thread dump");
		this.printed.reset();
		assertThatThrownBy(() -> this.extension.handleAfterAllMethodExecutionException(this.context, suppressing))
			.isSameAs(suppressing);
		assertThat(printed()).contains("timed out: " + suppressing).contains("==== end of thread dump");
	}

	@Test
	void otherFailureThenNothingPrinted() {
		AssertionError failure = new AssertionError("Status expected:<401> but was:<200>");
		IllegalStateException other = new IllegalStateException("Timeout elsewhere", new RuntimeException());

		assertThatThrownBy(() -> this.extension.handleTestExecutionException(this.context, failure)).isSameAs(failure);
		assertThatThrownBy(() -> this.extension.handleAfterEachMethodExecutionException(this.context, other))
			.isSameAs(other);
		assertThat(printed()).isEmpty();
	}

	private String printed() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

}

package io.parley.message;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.realtime.bus.InProcessMessageBus;
import io.parley.support.AppSession;
import io.parley.support.Fixtures;
import io.parley.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class WriterPublishesTogetherIntegrationTests extends IntegrationTest {

	@Autowired
	MessageRepository messages;

	@Autowired
	MessageProperties properties;

	@Test
	void whatAnsweringABatchPublishesGoesToTheBusTogether() {
		AppSession alice = this.accounts.newUser("alice");
		long room = Fixtures.room(alice.userId(), "private");
		RecordingBus bus = new RecordingBus();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		MessageWriter writer = new MessageWriter(this.messages, new SendBacklog(this.properties, meters), bus,
				this.properties, meters);
		// what a send's answer publishes, the way EventRelay does on MessagePosted
		List<Boolean> gathered = Flux.range(0, 5)
			.flatMap((n) -> writer.write(room, alice.userId(), "m" + n, null, 0).map((stored) -> bus.gathering()))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(gathered).hasSize(5).containsOnly(true);
	}

	/** The in-process bus, telling whether this thread is publishing together now. */
	private static final class RecordingBus extends InProcessMessageBus {

		private final ThreadLocal<Boolean> together = ThreadLocal.withInitial(() -> false);

		@Override
		public void publishingTogether(Runnable work) {
			this.together.set(true);
			try {
				work.run();
			}
			finally {
				this.together.remove();
			}
		}

		boolean gathering() {
			return this.together.get();
		}

	}

}

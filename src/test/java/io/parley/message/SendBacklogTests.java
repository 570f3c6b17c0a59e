package io.parley.message;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on waiting sends, on its own: places taken and freed, what is shed, how it is
 * counted and how often it is reported (a clock of the test's own).
 */
@ExtendWith(OutputCaptureExtension.class)
class SendBacklogTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicLong now = new AtomicLong(1_000);

	private final SendBacklog backlog = new SendBacklog(2, this.meters, this.now::get);

	@Test
	void tryEnterWhenAllPlacesTakenThenShedUntilOneIsLeft() {
		assertThat(this.backlog.tryEnter()).isTrue();
		assertThat(this.backlog.tryEnter()).isTrue();
		assertThat(this.backlog.tryEnter()).isFalse();
		assertThat(this.backlog.waiting()).isEqualTo(2);
		this.backlog.left();
		assertThat(this.backlog.tryEnter()).isTrue();
		assertThat(this.backlog.tryEnter()).isFalse();
		assertThat(this.meters.counter("parley.messages.shed").count()).isEqualTo(2);
	}

	@Test
	void shedWhenRepeatedThenOneWarningPerTenSecondsWithTheCountSinceTheLast(CapturedOutput output) {
		this.backlog.tryEnter();
		this.backlog.tryEnter();
		this.backlog.tryEnter();
		assertThat(warnings(output)).isEqualTo(1);
		assertThat(output.getAll()).contains("Shedding sends: 2 waiting to be stored, limit 2; 1 shed");
		this.now.addAndGet(Duration.ofSeconds(9).toNanos());
		this.backlog.tryEnter();
		this.backlog.tryEnter();
		assertThat(warnings(output)).isEqualTo(1);
		this.now.addAndGet(Duration.ofSeconds(1).toNanos());
		this.backlog.tryEnter();
		assertThat(warnings(output)).isEqualTo(2);
		assertThat(output.getAll()).contains("limit 2; 3 shed since the last report");
		assertThat(this.meters.counter("parley.messages.shed").count()).isEqualTo(4);
	}

	private static long warnings(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("Shedding sends")).count();
	}

}

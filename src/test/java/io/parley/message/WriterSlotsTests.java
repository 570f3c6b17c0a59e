package io.parley.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriterSlotsTests {

	private final WriterSlots<String> slots = new WriterSlots<>(3, 32, 20);

	@Test
	void whileQueuesAreShortOneWriterWritesAndTheOthersTakeTurnsInOrder() {
		assertThat(this.slots.take("a", 1, 0)).isTrue();
		assertThat(this.slots.take("b", 5, 0)).isFalse();
		assertThat(this.slots.take("c", 31, 0)).isFalse();
		assertThat(this.slots.take("b", 6, 0)).isFalse();
		assertThat(this.slots.release(0)).isEqualTo("b");
		assertThat(this.slots.inUse()).isEqualTo(1);
		assertThat(this.slots.take("a", 3, 0)).isFalse();
		assertThat(this.slots.release(0)).isEqualTo("c");
		assertThat(this.slots.release(0)).isEqualTo("a");
		assertThat(this.slots.release(0)).isNull();
		assertThat(this.slots.inUse()).isZero();
	}

	@Test
	void aLongQueueWritesBesideTheOthersUpToTheLimit() {
		assertThat(this.slots.take("a", 1, 0)).isTrue();
		assertThat(this.slots.take("b", 32, 0)).isTrue();
		assertThat(this.slots.take("c", 100, 0)).isTrue();
		assertThat(this.slots.take("d", 100, 0)).isFalse();
		assertThat(this.slots.inUse()).isEqualTo(3);
		assertThat(this.slots.release(0)).isEqualTo("d");
		assertThat(this.slots.release(0)).isNull();
		assertThat(this.slots.inUse()).isEqualTo(2);
	}

	@Test
	void aWaitingWriterWhoseQueueGrewLeavesTheLineWithASlot() {
		assertThat(this.slots.take("a", 1, 0)).isTrue();
		assertThat(this.slots.take("b", 1, 0)).isFalse();
		assertThat(this.slots.spread("b", 31, 0)).isFalse();
		assertThat(this.slots.spread("b", 32, 0)).isTrue();
		assertThat(this.slots.inUse()).isEqualTo(2);
		// it left the line: the next free slot is not handed to it again
		assertThat(this.slots.release(0)).isNull();
		assertThat(this.slots.spread("c", 100, 0)).as("not waiting").isFalse();
	}

	@Test
	void whenNoBatchHasStartedForAWhileAWaitingWriterTakesAFreeSlot() {
		assertThat(this.slots.take("a", 1, 100)).isTrue();
		assertThat(this.slots.take("b", 1, 105)).isFalse();
		assertThat(this.slots.overdue("b", 119)).as("the batch is young").isFalse();
		assertThat(this.slots.isWaiting("b")).isTrue();
		assertThat(this.slots.overdue("b", 120)).isTrue();
		assertThat(this.slots.isWaiting("b")).isFalse();
		assertThat(this.slots.take("c", 1, 121)).isFalse();
		assertThat(this.slots.overdue("c", 130)).as("b started 10 ns ago").isFalse();
		assertThat(this.slots.take("d", 1, 140)).isFalse();
		assertThat(this.slots.overdue("c", 140)).isTrue();
		assertThat(this.slots.overdue("d", 200)).as("every slot in use").isFalse();
		assertThat(this.slots.inUse()).isEqualTo(3);
	}

}

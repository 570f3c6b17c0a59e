package io.parley.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriterSlotsTests {

	private final WriterSlots<String> slots = new WriterSlots<>(3, 32);

	@Test
	void whileQueuesAreShortOneWriterWritesAndTheOthersTakeTurnsInOrder() {
		assertThat(this.slots.take("a", 1)).isTrue();
		assertThat(this.slots.take("b", 5)).isFalse();
		assertThat(this.slots.take("c", 31)).isFalse();
		assertThat(this.slots.take("b", 6)).isFalse();
		assertThat(this.slots.release()).isEqualTo("b");
		assertThat(this.slots.inUse()).isEqualTo(1);
		assertThat(this.slots.take("a", 3)).isFalse();
		assertThat(this.slots.release()).isEqualTo("c");
		assertThat(this.slots.release()).isEqualTo("a");
		assertThat(this.slots.release()).isNull();
		assertThat(this.slots.inUse()).isZero();
	}

	@Test
	void aLongQueueWritesBesideTheOthersUpToTheLimit() {
		assertThat(this.slots.take("a", 1)).isTrue();
		assertThat(this.slots.take("b", 32)).isTrue();
		assertThat(this.slots.take("c", 100)).isTrue();
		assertThat(this.slots.take("d", 100)).isFalse();
		assertThat(this.slots.inUse()).isEqualTo(3);
		assertThat(this.slots.release()).isEqualTo("d");
		assertThat(this.slots.release()).isNull();
		assertThat(this.slots.inUse()).isEqualTo(2);
	}

	@Test
	void aWaitingWriterWhoseQueueGrewLeavesTheLineWithASlot() {
		assertThat(this.slots.take("a", 1)).isTrue();
		assertThat(this.slots.take("b", 1)).isFalse();
		assertThat(this.slots.spread("b", 31)).isFalse();
		assertThat(this.slots.spread("b", 32)).isTrue();
		assertThat(this.slots.inUse()).isEqualTo(2);
		// it left the line: the next free slot is not handed to it again
		assertThat(this.slots.release()).isNull();
		assertThat(this.slots.spread("c", 100)).as("not waiting").isFalse();
	}

	@Test
	void aWriterThatWaitedTooLongTakesAFreeSlotWhateverItsQueue() {
		assertThat(this.slots.take("a", 1)).isTrue();
		assertThat(this.slots.take("b", 1)).isFalse();
		assertThat(this.slots.overdue("b")).isTrue();
		assertThat(this.slots.overdue("b")).as("not waiting any more").isFalse();
		assertThat(this.slots.take("c", 1)).isFalse();
		assertThat(this.slots.take("d", 1)).isFalse();
		assertThat(this.slots.overdue("c")).isTrue();
		assertThat(this.slots.overdue("d")).as("every slot in use").isFalse();
		assertThat(this.slots.inUse()).isEqualTo(3);
	}

}

package io.parley.web;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class SharedResultTests {

	@Test
	void sourceRunsOnceOnFirstSubscriptionAndEverySubscriberGetsItsValue() {
		AtomicInteger runs = new AtomicInteger();
		Mono<Integer> shared = SharedResult.of(Mono.fromSupplier(runs::incrementAndGet));
		assertThat(runs).hasValue(0);
		StepVerifier.create(shared).expectNext(1).verifyComplete();
		StepVerifier.create(shared).expectNext(1).verifyComplete();
		assertThat(runs).hasValue(1);
	}

	@Test
	void emptyAndErrorsAreSharedToo() {
		AtomicInteger runs = new AtomicInteger();
		Mono<Object> empty = SharedResult.of(Mono.fromRunnable(runs::incrementAndGet));
		StepVerifier.create(empty).verifyComplete();
		StepVerifier.create(empty).verifyComplete();
		Mono<Object> failing = SharedResult.of(Mono.defer(() -> {
			runs.incrementAndGet();
			return Mono.error(new IllegalStateException("boom"));
		}));
		StepVerifier.create(failing).verifyErrorMessage("boom");
		StepVerifier.create(failing).verifyErrorMessage("boom");
		assertThat(runs).hasValue(2);
	}

	@Test
	void aSubscriberThatCancelsDoesNotCancelTheRunTheOthersWaitFor() {
		Sinks.One<String> source = Sinks.one();
		Mono<String> shared = SharedResult.of(source.asMono());
		StepVerifier.create(shared).thenCancel().verify();
		StepVerifier.create(shared).then(() -> source.tryEmitValue("done")).expectNext("done").verifyComplete();
	}

}

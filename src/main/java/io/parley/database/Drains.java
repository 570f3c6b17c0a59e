package io.parley.database;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Counts the abandoned answers of one connection that are still being read to their end,
 * and tells when there are none.
 */
final class Drains {

	private int running;

	private List<MonoSink<Void>> waiting = new ArrayList<>();

	synchronized void started() {
		this.running++;
	}

	void finished() {
		List<MonoSink<Void>> released;
		synchronized (this) {
			this.running--;
			if (this.running > 0 || this.waiting.isEmpty()) {
				return;
			}
			released = this.waiting;
			this.waiting = new ArrayList<>();
		}
		released.forEach(MonoSink::success);
	}

	/** Completes once no answer of the connection is being drained. */
	Mono<Void> whenNone() {
		return Mono.create((sink) -> {
			synchronized (this) {
				if (this.running > 0) {
					this.waiting.add(sink);
					return;
				}
			}
			sink.success();
		});
	}

}

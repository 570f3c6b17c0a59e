package io.parley.room;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.parley.database.Transactions;

/**
 * Runs a change to rooms in one transaction and publishes the events it recorded only
 * once that transaction has committed: listeners (the realtime layer) must never announce
 * a membership that a rollback then undoes. A change that has begun runs to its end even
 * if its caller goes away.
 */
@Component
class RoomChanges {

	private static final Logger log = LoggerFactory.getLogger(RoomChanges.class);

	private final Transactions transactions;

	private final ApplicationEventPublisher publisher;

	RoomChanges(Transactions transactions, ApplicationEventPublisher publisher) {
		this.transactions = transactions;
		this.publisher = publisher;
	}

	/**
	 * Runs {@code work} in a transaction; {@code work} adds the events to publish to the
	 * list it is given.
	 */
	<T> Mono<T> commit(Function<List<Object>, Mono<T>> work) {
		return Mono.defer(() -> {
			List<Object> events = new ArrayList<>();
			return this.transactions.run(work.apply(events), () -> publish(events));
		});
	}

	private void publish(List<Object> events) {
		for (Object event : events) {
			try {
				this.publisher.publishEvent(event);
			}
			catch (RuntimeException ex) {
				// the change is committed: a failing listener must not turn it into an
				// error
				log.error("A listener failed on {}", event, ex);
			}
		}
	}

}

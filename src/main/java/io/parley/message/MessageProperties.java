package io.parley.message;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the message feature.
 *
 * @param sendsPerWindow sends allowed per user and room in {@code sendWindow}
 * @param sendWindow the sliding window of the send limit
 * @param maxQueuedSends sends of this instance that may wait to be stored; a send beyond
 * them is refused at once with {@code rate_limited} (load shedding)
 * @param maxBusyWait how long sends to a room whose row another transaction holds may be
 * held back; then they fail with {@code rate_limited}
 * @param writers how many batches of sends (each for its own share of the rooms) may be
 * stored at once; they take turns while their queues are short
 */
@ConfigurationProperties("parley.messages")
record MessageProperties(@DefaultValue("20") int sendsPerWindow, @DefaultValue("10s") Duration sendWindow,
		@DefaultValue("2000") int maxQueuedSends, @DefaultValue("10s") Duration maxBusyWait,
		@DefaultValue("4") int writers) {

	MessageProperties {
		if (writers < 1) {
			throw new IllegalArgumentException("parley.messages.writers must be at least 1, not " + writers);
		}
	}

}

package io.parley;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;

/**
 * Starts Parley. Development runs go through {@code TestParleyApplication}, which adds an
 * embedded PostgreSQL; this entry point expects real services.
 */
@SpringBootApplication(exclude = ReactiveUserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ParleyApplication {

	/** Reactor Netty's setting for the number of event loops (HTTP and R2DBC). */
	static final String EVENT_LOOPS = "reactor.netty.ioWorkerCount";

	public static void main(String[] args) {
		oneEventLoopPerCore();
		SpringApplication.run(ParleyApplication.class, args);
	}

	/**
	 * Reactor Netty runs at least four event loops, more than a small machine has cores:
	 * on two cores, fan-out then pays for threads waking each other (the benchmark's p99
	 * at 2,500 messages/s was 0.8-3.8 s with four loops, 0.33 s with two). One per core,
	 * unless the operator sets {@code -Dreactor.netty.ioWorkerCount}.
	 */
	static void oneEventLoopPerCore() {
		if (System.getProperty(EVENT_LOOPS) == null) {
			System.setProperty(EVENT_LOOPS, Integer.toString(Runtime.getRuntime().availableProcessors()));
		}
	}

}

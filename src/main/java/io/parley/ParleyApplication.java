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

	public static void main(String[] args) {
		SpringApplication.run(ParleyApplication.class, args);
	}

}

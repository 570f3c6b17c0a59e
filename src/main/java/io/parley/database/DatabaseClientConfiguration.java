package io.parley.database;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The one {@link DatabaseClient} of the application (Spring Boot's own stands back): it
 * runs every statement through {@link CancelSafeExecution}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseClientConfiguration {

	@Bean
	DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
		return DatabaseClient.builder()
			.connectionFactory(connectionFactory)
			.executeFunction(new CancelSafeExecution())
			.build();
	}

}

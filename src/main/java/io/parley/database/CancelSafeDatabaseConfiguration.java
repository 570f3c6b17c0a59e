package io.parley.database;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@link ConnectionFactory} of the application (Spring Boot's pool) hands out
 * {@link CancelSafeConnection}s, to the {@code DatabaseClient}, the transaction manager
 * and the health check alike.
 */
@Configuration(proxyBeanMethods = false)
class CancelSafeDatabaseConfiguration {

	@Bean
	static BeanPostProcessor cancelSafeConnectionFactories() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ConnectionFactory factory && !(bean instanceof CancelSafeConnectionFactory)) {
					return new CancelSafeConnectionFactory(factory);
				}
				return bean;
			}

		};
	}

}

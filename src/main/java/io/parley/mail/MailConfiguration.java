package io.parley.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link Mailer}: SMTP when configured, otherwise the log.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	@Bean
	Mailer mailer(MailProperties properties) {
		return properties.smtp().configured() ? new SmtpMailer(properties) : new LogMailer();
	}

}

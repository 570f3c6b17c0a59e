package io.parley.mail;

import java.time.Duration;
import java.util.Properties;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends through an SMTP server. JavaMail blocks, so each send runs on the bounded-elastic
 * scheduler, never on an event loop.
 */
class SmtpMailer implements Mailer {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

	private final String from;

	SmtpMailer(MailProperties properties) {
		MailProperties.Smtp smtp = properties.smtp();
		this.sender.setHost(smtp.host());
		this.sender.setPort(smtp.port());
		if (smtp.user() != null && !smtp.user().isBlank()) {
			this.sender.setUsername(smtp.user());
			this.sender.setPassword(smtp.password());
		}
		Properties javaMail = this.sender.getJavaMailProperties();
		javaMail.put("mail.smtp.auth", Boolean.toString(smtp.user() != null && !smtp.user().isBlank()));
		javaMail.put("mail.smtp.starttls.enable", "true");
		javaMail.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
		javaMail.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
		javaMail.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
		this.from = properties.from();
	}

	@Override
	public Mono<Void> send(OutgoingMail mail) {
		return Mono.fromRunnable(() -> {
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom(this.from);
			message.setTo(mail.to());
			message.setSubject(mail.subject());
			message.setText(mail.text());
			this.sender.send(message);
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

}

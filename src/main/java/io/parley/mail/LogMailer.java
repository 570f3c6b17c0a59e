package io.parley.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Development mail: writes each message to the log instead of sending it, so a developer
 * can read verification codes without an SMTP server. Only used when no SMTP host is
 * configured.
 */
class LogMailer implements Mailer {

	private static final Logger log = LoggerFactory.getLogger(LogMailer.class);

	@Override
	public Mono<Void> send(OutgoingMail mail) {
		return Mono.fromRunnable(() -> log.info("Mail (not sent: no PARLEY_SMTP_HOST) to {}, subject \"{}\":\n{}",
				mail.to(), mail.subject(), mail.text()));
	}

}

package io.parley.mail;

import reactor.core.publisher.Mono;

/**
 * Sends mail without blocking the caller's thread. Completes when the message has been
 * handed over (to the SMTP server, or to the log).
 */
public interface Mailer {

	Mono<Void> send(OutgoingMail mail);

}

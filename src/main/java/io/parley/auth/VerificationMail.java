package io.parley.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.parley.mail.Mailer;
import io.parley.mail.OutgoingMail;

/**
 * Sends the verification code. Sending happens after the request has been answered, so
 * the answer takes as long whether or not a mail goes out (no account enumeration by
 * timing); a failed send is logged and the user can ask again.
 */
@Component
class VerificationMail {

	private static final Logger log = LoggerFactory.getLogger(VerificationMail.class);

	private final Mailer mailer;

	VerificationMail(Mailer mailer) {
		this.mailer = mailer;
	}

	void send(String to, String username, String code) {
		OutgoingMail mail = new OutgoingMail(to, "Your Parley code: " + code, """
				Hello %s,

				your Parley verification code is %s.
				It works once, for 10 minutes.

				If you did not sign up for Parley, ignore this mail.
				""".formatted(username, code));
		this.mailer.send(mail)
			.doOnError(
					(ex) -> log.warn("Could not send the verification mail for user {}: {}", username, ex.toString()))
			.onErrorComplete()
			.subscribe();
	}

}

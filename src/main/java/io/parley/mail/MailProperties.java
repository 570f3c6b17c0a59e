package io.parley.mail;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where mail goes: SMTP when {@code smtp.host} is set, otherwise the log.
 */
@ConfigurationProperties("parley.mail")
public record MailProperties(@DefaultValue("Parley <no-reply@parley.localhost>") String from, @DefaultValue Smtp smtp) {

	/** SMTP server settings ({@code PARLEY_SMTP_*}). */
	public record Smtp(@Nullable String host, @DefaultValue("587") int port, @Nullable String user,
			@Nullable String password) {

		boolean configured() {
			return this.host != null && !this.host.isBlank();
		}

	}

}

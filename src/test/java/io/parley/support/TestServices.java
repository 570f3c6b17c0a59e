package io.parley.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The real services the integration tests run against, started once per test JVM: an
 * embedded PostgreSQL and a GreenMail SMTP server. Their addresses are exported as system
 * properties before any Spring context starts, so Parley reads them like the environment
 * variables of a real deployment.
 */
public final class TestServices {

	/** 48 bytes: long enough for HS256, fixed so tests can forge tokens with it. */
	public static final String JWT_SECRET = "test-secret-test-secret-test-secret-test-secret!";

	private static EmbeddedDatabase database;

	private static GreenMail mail;

	private TestServices() {
	}

	public static synchronized void start() {
		if (database != null) {
			return;
		}
		database = EmbeddedDatabase.temporary();
		database.exportSettings();
		mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		mail.start();
		System.setProperty("parley.mail.smtp.host", "127.0.0.1");
		System.setProperty("parley.mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
		System.setProperty("parley.auth.jwt-secret", JWT_SECRET);
		// Tests pose as many clients from one machine through X-Forwarded-For.
		System.setProperty("parley.http.trusted-proxies", "127.0.0.1,::1");
	}

	public static GreenMail mail() {
		start();
		return mail;
	}

	public static EmbeddedDatabase database() {
		start();
		return database;
	}

}

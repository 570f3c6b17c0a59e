package io.parley.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test-side account chores over the real API: registering, reading the code from the mail
 * GreenMail caught, verifying and logging in. Each instance poses as its own client
 * address (X-Forwarded-For) so per-IP limits of one test do not leak into another.
 */
public final class Accounts {

	public static final String PASSWORD = "a sturdy passphrase 42";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final Pattern CODE = Pattern.compile("code: (\\d{6})");

	private final WebTestClient http;

	private final GreenMail mail;

	private final String clientAddress;

	public Accounts(WebTestClient http, GreenMail mail) {
		this.http = http;
		this.mail = mail;
		this.clientAddress = randomAddress();
	}

	public static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	/** A username nobody has used in this JVM. */
	public static String uniqueName(String prefix) {
		return prefix + "_" + SEQUENCE.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100000, 36);
	}

	public String clientAddress() {
		return this.clientAddress;
	}

	public WebTestClient.ResponseSpec register(String username, String email, String password) {
		return this.http.post()
			.uri("/api/auth/register")
			.header("X-Forwarded-For", this.clientAddress)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "email", email, "password", password))
			.exchange();
	}

	/** Waits for the newest verification mail to {@code email} and returns its code. */
	public String awaitCode(String email, int mailsExpected) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).length >= mailsExpected);
		MimeMessage[] mails = mailsTo(email);
		return codeOf(mails[mails.length - 1]);
	}

	public MimeMessage[] mailsTo(String email) {
		return Arrays.stream(this.mail.getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients())
					.anyMatch((to) -> to.toString().equalsIgnoreCase(email));
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).toArray(MimeMessage[]::new);
	}

	public static String codeOf(MimeMessage message) {
		try {
			Matcher matcher = CODE.matcher(message.getSubject());
			if (!matcher.find()) {
				throw new AssertionError("No code in mail subject: " + message.getSubject());
			}
			return matcher.group(1);
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new AssertionError(ex);
		}
	}

	public WebTestClient.ResponseSpec verify(String email, String code, String client) {
		return this.http.post()
			.uri("/api/auth/verify-email")
			.header("X-Forwarded-For", this.clientAddress)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "code", code, "client", client))
			.exchange();
	}

	public WebTestClient.ResponseSpec login(String login, String password, String client) {
		return this.http.post()
			.uri("/api/auth/login")
			.header("X-Forwarded-For", this.clientAddress)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", login, "password", password, "client", client))
			.exchange();
	}

	/** Registers and verifies a new user; returns its app-mode session. */
	public AppSession newUser(String prefix) {
		String username = uniqueName(prefix);
		String email = username + "@example.com";
		register(username, email, PASSWORD).expectStatus().isAccepted();
		String code = awaitCode(email, 1);
		return AppSession.from(verify(email, code, "app").expectStatus().isOk(), username, email);
	}

}

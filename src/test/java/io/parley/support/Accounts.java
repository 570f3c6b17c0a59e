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

import org.springframework.http.HttpHeaders;
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
		this(http, mail, randomAddress());
	}

	private Accounts(WebTestClient http, GreenMail mail, String clientAddress) {
		this.http = http;
		this.mail = mail;
		this.clientAddress = clientAddress;
	}

	public static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	/** A username nobody has used in this JVM. */
	public static String uniqueName(String prefix) {
		return prefix + "_" + SEQUENCE.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100000, 36);
	}

	/** The address {@link #registerNew} gives a user. */
	public static String emailOf(String username) {
		return username + "@example.com";
	}

	/** A well-formed code that is not {@code code}. */
	public static String otherCode(String code) {
		return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
	}

	/** The same chores, posing as another client address. */
	public Accounts fromAnotherAddress() {
		return new Accounts(this.http, this.mail, randomAddress());
	}

	public String clientAddress() {
		return this.clientAddress;
	}

	/** POSTs {@code body} as JSON from this client's address. */
	public WebTestClient.ResponseSpec post(String uri, Object body) {
		return this.http.post()
			.uri(uri)
			.header("X-Forwarded-For", this.clientAddress)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** POSTs {@code body} verbatim, with the given content type. */
	public WebTestClient.ResponseSpec postRaw(String uri, MediaType contentType, String body) {
		return this.http.post()
			.uri(uri)
			.header("X-Forwarded-For", this.clientAddress)
			.contentType(contentType)
			.bodyValue(body)
			.exchange();
	}

	public WebTestClient.ResponseSpec register(String username, String email, String password) {
		return post("/api/auth/register", Map.of("username", username, "email", email, "password", password));
	}

	/** Registers a new user and waits for its code mail; returns the username. */
	public String registerNew(String prefix) {
		String username = uniqueName(prefix);
		register(username, emailOf(username), PASSWORD).expectStatus().isAccepted();
		awaitCode(emailOf(username), 1);
		return username;
	}

	/** Waits for the newest verification mail to {@code email} and returns its code. */
	public String awaitCode(String email, int mailsExpected) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).length >= mailsExpected);
		MimeMessage[] mails = mailsTo(email);
		return codeOf(mails[mails.length - 1]);
	}

	/**
	 * Sends one more verification mail (to a throw-away user) and waits for it: a mail
	 * sent before it, if any, has had its chance to arrive.
	 */
	public void awaitMailsInFlight() {
		registerNew("barrier");
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
		return post("/api/auth/verify-email", Map.of("email", email, "code", code, "client", client));
	}

	public WebTestClient.ResponseSpec resendCode(String email) {
		return post("/api/auth/resend-code", Map.of("email", email));
	}

	public WebTestClient.ResponseSpec login(String login, String password, String client) {
		return post("/api/auth/login", Map.of("login", login, "password", password, "client", client));
	}

	/** Logs in in app mode; returns the new session. */
	public AppSession loginApp(AppSession user) {
		return AppSession.from(login(user.username(), PASSWORD, "app").expectStatus().isOk(), user.username(),
				user.email());
	}

	/** Logs in in web mode; returns the cookies a browser would keep. */
	public WebSession loginWeb(AppSession user) {
		return WebSession
			.from(login(user.username(), PASSWORD, "web").expectStatus().isOk().expectBody().returnResult());
	}

	/** App-mode refresh with the token in the body. */
	public WebTestClient.ResponseSpec refresh(String refreshToken) {
		return post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
	}

	/** App-mode logout with the token in the body. */
	public WebTestClient.ResponseSpec logout(String refreshToken) {
		return post("/api/auth/logout", Map.of("refreshToken", refreshToken));
	}

	/** {@code GET /api/users/me} with the access token as bearer. */
	public WebTestClient.ResponseSpec me(String accessToken) {
		return get("/api/users/me", accessToken);
	}

	/** A GET with the access token as bearer. */
	public WebTestClient.ResponseSpec get(String uri, String accessToken) {
		return this.http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).exchange();
	}

	/** Registers and verifies a new user; returns its app-mode session. */
	public AppSession newUser(String prefix) {
		String username = uniqueName(prefix);
		String email = emailOf(username);
		register(username, email, PASSWORD).expectStatus().isAccepted();
		String code = awaitCode(email, 1);
		return AppSession.from(verify(email, code, "app").expectStatus().isOk(), username, email);
	}

}

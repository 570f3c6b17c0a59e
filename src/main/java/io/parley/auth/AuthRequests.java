package io.parley.auth;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.parley.web.FieldChecks;
import io.parley.web.Text;

/**
 * The request bodies of {@code /api/auth} and the field rules they must meet before any
 * work is done. Each {@code validated} method throws {@code validation_failed} naming
 * every bad field, or returns the normalised request.
 */
@Component
class AuthRequests {

	static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9_.]{3,32}");

	static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	static final Pattern CODE = Pattern.compile("[0-9]{6}");

	static final int MAX_EMAIL = 254;

	static final int MIN_PASSWORD = 8;

	static final int MAX_PASSWORD = 128;

	static final int MAX_DISPLAY_NAME = 64;

	private final CommonPasswords commonPasswords;

	AuthRequests(CommonPasswords commonPasswords) {
		this.commonPasswords = commonPasswords;
	}

	Registration validated(RegisterBody body) {
		FieldChecks checks = new FieldChecks();
		checkUsername(checks, body.username());
		checkEmail(checks, body.email());
		checkPassword(checks, body.password());
		String displayName = (body.displayName() != null) ? body.displayName().strip() : null;
		checks.checkLength("displayName", displayName, 1, MAX_DISPLAY_NAME);
		checks.throwIfAny();
		String username = body.username().toLowerCase(Locale.ROOT);
		return new Registration(username, body.email().strip(), body.password(),
				(displayName != null) ? displayName : username);
	}

	VerifyBody validated(VerifyBody body) {
		FieldChecks checks = new FieldChecks();
		checkEmail(checks, body.email());
		checks.check(body.code() != null && CODE.matcher(body.code()).matches(), "code", "must be 6 digits");
		checkClient(checks, body.client());
		checks.throwIfAny();
		return body;
	}

	ResendBody validated(ResendBody body) {
		FieldChecks checks = new FieldChecks();
		checkEmail(checks, body.email());
		checks.throwIfAny();
		return body;
	}

	LoginBody validated(LoginBody body) {
		FieldChecks checks = new FieldChecks();
		checks.check(body.login() != null && !body.login().isBlank(), "login", "is required");
		checks.check(body.password() != null && !body.password().isEmpty(), "password", "is required");
		checkClient(checks, body.client());
		checks.throwIfAny();
		return body;
	}

	private static void checkUsername(FieldChecks checks, @Nullable String username) {
		checks.check(username != null && USERNAME.matcher(username).matches(), "username",
				"must be 3 to 32 letters, digits, '_' or '.'");
	}

	private static void checkEmail(FieldChecks checks, @Nullable String email) {
		checks.check(email != null && Text.length(email.strip()) <= MAX_EMAIL && EMAIL.matcher(email.strip()).matches(),
				"email", "must be a valid e-mail address");
	}

	private void checkPassword(FieldChecks checks, @Nullable String password) {
		if (password == null) {
			checks.reject("password", "is required");
			return;
		}
		int length = Text.length(password);
		if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
			checks.reject("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
		}
		else if (this.commonPasswords.contains(password)) {
			checks.reject("password", "is one of the most common passwords; choose another");
		}
	}

	private static void checkClient(FieldChecks checks, @Nullable String client) {
		checks.check(client == null || "web".equals(client) || "app".equals(client), "client",
				"must be \"web\" or \"app\"");
	}

	/** {@code POST /api/auth/register}. */
	record RegisterBody(@Nullable String username, @Nullable String email, @Nullable String password,
			@Nullable String displayName) {
	}

	/** A registration that passed the field rules, username lower-cased. */
	record Registration(String username, String email, String password, String displayName) {
	}

	/** {@code POST /api/auth/verify-email}. */
	record VerifyBody(String email, String code, @Nullable String client) {

		boolean app() {
			return "app".equals(this.client);
		}

	}

	/** {@code POST /api/auth/resend-code}. */
	record ResendBody(String email) {
	}

	/** {@code POST /api/auth/login}. */
	record LoginBody(String login, String password, @Nullable String client) {

		boolean app() {
			return "app".equals(this.client);
		}

	}

	/** {@code POST /api/auth/refresh} and {@code /logout} in app mode. */
	record RefreshBody(@Nullable String refreshToken) {
	}

}

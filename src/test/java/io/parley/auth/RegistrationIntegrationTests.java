package io.parley.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.support.Problems.expectProblem;
import static io.parley.support.Problems.expectValidationFailed;
import static org.assertj.core.api.Assertions.assertThat;

class RegistrationIntegrationTests extends IntegrationTest {

	@Test
	void registerVerifyLoginThenMeShowsTheNewUser() {
		String username = Accounts.uniqueName("Alice");
		String email = username + "@Example.com";
		this.accounts.register(username, email, Accounts.PASSWORD)
			.expectStatus()
			.isAccepted()
			.expectBody()
			.json("{\"emailVerificationRequired\":true}", true);
		String code = this.accounts.awaitCode(email, 1);
		assertThat(code).matches("[0-9]{6}");
		this.accounts.verify(email, code, "app").expectStatus().isOk();

		AppSession session = this.accounts.newUser("bob");
		this.accounts.me(session.accessToken())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo(session.username())
			.jsonPath("$.email")
			.isEqualTo(session.email())
			.jsonPath("$.emailVerified")
			.isEqualTo(true)
			.jsonPath("$.discoverable")
			.isEqualTo(false);

		this.accounts.login(username.toUpperCase(), Accounts.PASSWORD, "app")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.username")
			.isEqualTo(username.toLowerCase())
			.jsonPath("$.accessToken")
			.isNotEmpty();
		assertThat(this.accounts.mailsTo(email)).hasSize(1);
	}

	@Test
	void registerWhenUsernameHasCapitalsThenStoredLowerCaseAndDisplayNameDefaultsToIt() {
		String username = Accounts.uniqueName("MiXeD");
		String email = Accounts.emailOf(username);
		this.accounts.register(username, email, Accounts.PASSWORD).expectStatus().isAccepted();

		this.accounts.verify(email, this.accounts.awaitCode(email, 1), "app")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.username")
			.isEqualTo(username.toLowerCase())
			.jsonPath("$.user.displayName")
			.isEqualTo(username.toLowerCase());
	}

	@Test
	void registerWhenDisplayNameGivenThenKeptTrimmed() {
		String username = Accounts.uniqueName("carol");
		String email = Accounts.emailOf(username);
		this.accounts
			.post("/api/auth/register", Map.of("username", username, "email", email, "password", Accounts.PASSWORD,
					"displayName", "  Carol C.  "))
			.expectStatus()
			.isAccepted();

		this.accounts.verify(email, this.accounts.awaitCode(email, 1), "app")
			.expectBody()
			.jsonPath("$.user.displayName")
			.isEqualTo("Carol C.");
	}

	@Test
	void registerWhenUsernameTakenInAnyCaseThenConflict() {
		String username = this.accounts.registerNew("dave");

		expectProblem(this.accounts.register(username.toUpperCase(), "other-" + Accounts.emailOf(username),
				Accounts.PASSWORD), HttpStatus.CONFLICT, "username_taken");
	}

	@Test
	void registerWhenEmailAlreadyRegisteredThenSameAnswerAndNoNewCode() {
		String username = this.accounts.registerNew("erin");
		String email = Accounts.emailOf(username);
		String code = this.accounts.awaitCode(email, 1);

		this.accounts.register(Accounts.uniqueName("erin"), email.toUpperCase(), Accounts.PASSWORD)
			.expectStatus()
			.isAccepted()
			.expectBody()
			.json("{\"emailVerificationRequired\":true}", true);

		this.accounts.awaitMailsInFlight();
		assertThat(this.accounts.mailsTo(email)).hasSize(1);
		// a second registration would have replaced the code; the first still works
		this.accounts.verify(email, code, "app")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.username")
			.isEqualTo(username);
	}

	static Stream<Arguments> brokenFields() {
		return Stream.of(Arguments.of("username", "ab"), Arguments.of("username", "a".repeat(33)),
				Arguments.of("username", "bad name"), Arguments.of("username", "bad-name"),
				Arguments.of("username", "émile"), Arguments.of("email", "not-an-email"),
				Arguments.of("email", "two@at@example.com"), Arguments.of("email", "nodomain@localhost"),
				Arguments.of("password", "7 chars"), Arguments.of("password", "x".repeat(129)),
				Arguments.of("password", "password123"), Arguments.of("password", "QwertyUiop"),
				Arguments.of("displayName", "   "), Arguments.of("displayName", "d".repeat(65)));
	}

	@ParameterizedTest(name = "{0} = \"{1}\"")
	@MethodSource("brokenFields")
	void registerWhenFieldBreaksRuleThenValidationFailedNamingIt(String field, String value) {
		Map<String, Object> body = validRegistration();
		body.put(field, value);

		expectValidationFailed(this.accounts.post("/api/auth/register", body), field);
	}

	@Test
	void registerWhenFieldsMissingThenValidationFailedNamingEach() {
		expectValidationFailed(this.accounts.post("/api/auth/register", Map.of()), "username", "email", "password");
	}

	@Test
	void registerWhenPasswordHasExactlyTheAllowedLengthsThenAccepted() {
		Map<String, Object> shortest = validRegistration();
		shortest.put("password", "8 chars!");
		this.accounts.post("/api/auth/register", shortest).expectStatus().isAccepted();

		Map<String, Object> longest = validRegistration();
		longest.put("password", "y".repeat(128));
		this.accounts.post("/api/auth/register", longest).expectStatus().isAccepted();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"username\":", "not json", "[]", "\"alice\"", "42", "null", "",
			"{\"username\":42,\"email\":\"a@example.com\",\"password\":\"a sturdy passphrase\"}",
			"{\"username\":\"alice\",\"email\":[\"a@example.com\"],\"password\":\"a sturdy passphrase\"}",
			"{\"username\":\"alice\",\"email\":\"a@example.com\",\"password\":true}" })
	void registerWhenBodyMalformedThenMalformedRequest(String body) {
		expectProblem(this.accounts.postRaw("/api/auth/register", MediaType.APPLICATION_JSON, body),
				HttpStatus.BAD_REQUEST, "malformed_request");
	}

	@Test
	void registerWhenBodyIsPlainTextThenUnsupportedMedia() {
		expectProblem(this.accounts.postRaw("/api/auth/register", MediaType.TEXT_PLAIN, "username=alice"),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media");
	}

	@Test
	void registerWhenUnknownFieldsThenIgnored() {
		Map<String, Object> body = validRegistration();
		body.put("role", "admin");

		this.accounts.post("/api/auth/register", body).expectStatus().isAccepted();
	}

	@Test
	void registerWhenTwentyFromOneAddressWithinTheHourThenRateLimited() {
		for (int i = 0; i < 20; i++) {
			this.accounts.post("/api/auth/register", validRegistration()).expectStatus().isAccepted();
		}

		expectProblem(
				this.accounts.post("/api/auth/register", validRegistration())
					.expectHeader()
					.value("Retry-After", (seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(3000, 3600)),
				HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
		this.accounts.fromAnotherAddress().post("/api/auth/register", validRegistration()).expectStatus().isAccepted();
	}

	private static Map<String, Object> validRegistration() {
		String username = Accounts.uniqueName("valid");
		Map<String, Object> body = new HashMap<>();
		body.put("username", username);
		body.put("email", Accounts.emailOf(username));
		body.put("password", Accounts.PASSWORD);
		return body;
	}

}

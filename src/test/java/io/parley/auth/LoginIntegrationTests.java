package io.parley.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.support.Problems.expectProblem;
import static io.parley.support.Problems.expectValidationFailed;
import static org.assertj.core.api.Assertions.assertThat;

class LoginIntegrationTests extends IntegrationTest {

	private static final int MAX_FAILURES = 10;

	@Test
	void loginWhenUsernameInOtherCaseThenSession() {
		AppSession user = this.accounts.newUser("lara");

		expectSessionOf(user, this.accounts.login(user.username().toUpperCase(), Accounts.PASSWORD, "app"));
	}

	@Test
	void loginWhenEmailInOtherCaseThenSession() {
		AppSession user = this.accounts.newUser("mona");

		expectSessionOf(user, this.accounts.login(user.email().toUpperCase(), Accounts.PASSWORD, "app"));
	}

	@Test
	void loginWhenPasswordWrongThenBadCredentialsLikeForUnknownUser() {
		AppSession user = this.accounts.newUser("nina");

		byte[] wrongPassword = expectProblem(this.accounts.login(user.username(), "not the password", "app"),
				HttpStatus.UNAUTHORIZED, "bad_credentials")
			.returnResult()
			.getResponseBody();
		byte[] unknownUser = expectProblem(
				this.accounts.login(Accounts.uniqueName("nobody"), "not the password", "app"), HttpStatus.UNAUTHORIZED,
				"bad_credentials")
			.returnResult()
			.getResponseBody();
		assertThat(unknownUser).isEqualTo(wrongPassword);
	}

	@Test
	void loginWhenEmailUnverifiedThenForbidden() {
		String username = this.accounts.registerNew("otto");

		expectProblem(this.accounts.login(username, Accounts.PASSWORD, "app"), HttpStatus.FORBIDDEN,
				"email_unverified");
	}

	@Test
	void loginWhenFieldsMissingThenValidationFailed() {
		expectValidationFailed(this.accounts.post("/api/auth/login", Map.of("client", "desktop")), "login", "password",
				"client");
	}

	@Test
	void loginWhenTenFailuresOnAccountThenTooManyAttemptsEvenWithRightPasswordFromElsewhere() {
		AppSession user = this.accounts.newUser("pete");
		for (int i = 0; i < MAX_FAILURES; i++) {
			expectProblem(this.accounts.login(user.username(), "wrong password " + i, "app"), HttpStatus.UNAUTHORIZED,
					"bad_credentials");
		}

		expectTooManyAttempts(this.accounts.fromAnotherAddress().login(user.email(), Accounts.PASSWORD, "app"));
	}

	@Test
	void loginWhenTenFailuresFromAddressThenTooManyAttemptsForAnyAccountFromIt() {
		AppSession user = this.accounts.newUser("quinn");
		for (int i = 0; i < MAX_FAILURES; i++) {
			expectProblem(this.accounts.login(Accounts.uniqueName("stranger"), Accounts.PASSWORD, "app"),
					HttpStatus.UNAUTHORIZED, "bad_credentials");
		}

		expectTooManyAttempts(this.accounts.login(user.username(), Accounts.PASSWORD, "app"));
		expectSessionOf(user, this.accounts.fromAnotherAddress().login(user.username(), Accounts.PASSWORD, "app"));
	}

	@Test
	void loginWhenNineFailuresThenRightPasswordStillWorks() {
		AppSession user = this.accounts.newUser("rita");
		for (int i = 0; i < MAX_FAILURES - 1; i++) {
			expectProblem(this.accounts.login(user.username(), "wrong password " + i, "app"), HttpStatus.UNAUTHORIZED,
					"bad_credentials");
		}

		expectSessionOf(user, this.accounts.login(user.username(), Accounts.PASSWORD, "app"));
	}

	private static void expectSessionOf(AppSession user, WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.id")
			.isEqualTo(user.userId())
			.jsonPath("$.user.username")
			.isEqualTo(user.username())
			.jsonPath("$.accessToken")
			.isNotEmpty()
			.jsonPath("$.refreshToken")
			.isNotEmpty();
	}

	private static void expectTooManyAttempts(WebTestClient.ResponseSpec response) {
		expectProblem(response.expectHeader().value("Retry-After", (seconds) -> {
			assertThat(Integer.parseInt(seconds)).isBetween(1, 15 * 60);
		}), HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts");
	}

}

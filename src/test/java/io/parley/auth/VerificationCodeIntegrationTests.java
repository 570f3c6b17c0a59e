package io.parley.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import io.parley.support.Accounts;
import io.parley.support.IntegrationTest;
import io.parley.support.TestDatabase;

import static io.parley.support.Problems.expectProblem;
import static io.parley.support.Problems.expectValidationFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class VerificationCodeIntegrationTests extends IntegrationTest {

	@Test
	void verifyWhenCodeRightThenSessionOfVerifiedUser() {
		String email = Accounts.emailOf(this.accounts.registerNew("vera"));

		this.accounts.verify(email, this.accounts.awaitCode(email, 1), "app")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.email")
			.isEqualTo(email)
			.jsonPath("$.user.emailVerified")
			.isEqualTo(true)
			.jsonPath("$.accessToken")
			.isNotEmpty()
			.jsonPath("$.refreshToken")
			.isNotEmpty();
	}

	@Test
	void verifyWhenFifthWrongTryThenCodeBurntUntilResendIssuesAFreshOne() {
		String email = Accounts.emailOf(this.accounts.registerNew("wendy"));
		String code = this.accounts.awaitCode(email, 1);
		String wrong = Accounts.otherCode(code);
		for (int i = 1; i <= 4; i++) {
			expectProblem(this.accounts.verify(email, wrong, "app"), HttpStatus.BAD_REQUEST, "invalid_code");
		}

		expectProblem(this.accounts.verify(email, wrong, "app").expectHeader().valueEquals("Retry-After", "60"),
				HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts");
		expectProblem(this.accounts.verify(email, code, "app"), HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts");
		expectProblem(this.accounts.verify(email, wrong, "app"), HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts");

		TestDatabase.letMailIntervalPass(email);
		this.accounts.resendCode(email).expectStatus().isAccepted();
		String fresh = this.accounts.awaitCode(email, 2);
		expectProblem(this.accounts.verify(email, Accounts.otherCode(fresh), "app"), HttpStatus.BAD_REQUEST,
				"invalid_code");
		this.accounts.verify(email, fresh, "app").expectStatus().isOk();
	}

	@Test
	void verifyWhenCodeExpiredThenGone() {
		String email = Accounts.emailOf(this.accounts.registerNew("xena"));
		String code = this.accounts.awaitCode(email, 1);
		TestDatabase.expireVerificationCode(email);

		expectProblem(this.accounts.verify(email, code, "app"), HttpStatus.GONE, "code_expired");
	}

	@Test
	void verifyWhenCodeUsedTwiceThenInvalidCode() {
		String email = Accounts.emailOf(this.accounts.registerNew("yuri"));
		String code = this.accounts.awaitCode(email, 1);
		this.accounts.verify(email, code, "app").expectStatus().isOk();

		expectProblem(this.accounts.verify(email, code, "app"), HttpStatus.BAD_REQUEST, "invalid_code");
	}

	@Test
	void verifyWhenEmailUnknownThenInvalidCode() {
		expectProblem(this.accounts.verify(Accounts.emailOf(Accounts.uniqueName("nobody")), "123456", "app"),
				HttpStatus.BAD_REQUEST, "invalid_code");
	}

	@Test
	void verifyWhenFieldsBrokenThenValidationFailed() {
		expectValidationFailed(
				this.accounts.post("/api/auth/verify-email",
						Map.of("email", "not-an-email", "code", "12345a", "client", "desktop")),
				"email", "code", "client");
	}

	@Test
	void resendWhenMailSentWithinTheMinuteThenRateLimitedWithRetryAfter() {
		String email = Accounts.emailOf(this.accounts.registerNew("zoe"));

		expectProblem(this.accounts.resendCode(email).expectHeader().value("Retry-After", (seconds) -> {
			assertThat(Integer.parseInt(seconds)).isBetween(1, 60);
		}), HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
	}

	@Test
	void resendWhenIntervalPassedThenNewCodeReplacesTheOld() {
		String email = Accounts.emailOf(this.accounts.registerNew("amy"));
		String old = this.accounts.awaitCode(email, 1);
		TestDatabase.letMailIntervalPass(email);

		this.accounts.resendCode(email.toUpperCase()).expectStatus().isAccepted().expectBody().isEmpty();
		String fresh = this.accounts.awaitCode(email, 2);
		expectProblem(this.accounts.resendCode(email), HttpStatus.TOO_MANY_REQUESTS, "rate_limited");

		assumeThat(fresh).as("a one-in-a-million repeat of the same code").isNotEqualTo(old);
		expectProblem(this.accounts.verify(email, old, "app"), HttpStatus.BAD_REQUEST, "invalid_code");
		this.accounts.verify(email, fresh, "app").expectStatus().isOk();
	}

	@Test
	void resendWhenThirtyFromOneAddressWithinTheHourThenRateLimited() {
		for (int i = 0; i < 30; i++) {
			this.accounts.resendCode(Accounts.emailOf(Accounts.uniqueName("ghost"))).expectStatus().isAccepted();
		}

		expectProblem(this.accounts.resendCode(Accounts.emailOf(Accounts.uniqueName("ghost"))),
				HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
		this.accounts.fromAnotherAddress()
			.resendCode(Accounts.emailOf(Accounts.uniqueName("ghost")))
			.expectStatus()
			.isAccepted();
	}

	@Test
	void resendWhenAddressUnknownThenAcceptedAndNoMail() {
		String email = Accounts.emailOf(Accounts.uniqueName("ghost"));

		this.accounts.resendCode(email).expectStatus().isAccepted().expectBody().isEmpty();

		this.accounts.awaitMailsInFlight();
		assertThat(this.accounts.mailsTo(email)).isEmpty();
	}

	@Test
	void resendWhenAlreadyVerifiedThenAcceptedAndNoMail() {
		String email = this.accounts.newUser("bea").email();
		TestDatabase.letMailIntervalPass(email);

		this.accounts.resendCode(email).expectStatus().isAccepted();

		this.accounts.awaitMailsInFlight();
		assertThat(this.accounts.mailsTo(email)).hasSize(1);
	}

}

package io.parley.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

class ClientModeIntegrationTests extends IntegrationTest {

	private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

	@Test
	void loginWhenAppModeThenTokensInBodyAndNoCookies() {
		AppSession user = this.accounts.newUser("sam");

		expectSessionBody(this.accounts.login(user.username(), Accounts.PASSWORD, "app")
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Set-Cookie"), user).jsonPath("$.accessToken")
			.isNotEmpty()
			.jsonPath("$.refreshToken")
			.isNotEmpty();
	}

	@Test
	void loginWhenClientOmittedThenWebModeWithCookiesAndNoTokensInBody() {
		AppSession user = this.accounts.newUser("tina");

		WebTestClient.ResponseSpec response = this.accounts
			.post("/api/auth/login", Map.of("login", user.username(), "password", Accounts.PASSWORD))
			.expectStatus()
			.isOk();

		WebSession.expectXsrfCookie(response, false);
		expectSessionBody(WebSession.expectSessionCookies(response, false), user).jsonPath("$.accessToken")
			.doesNotExist()
			.jsonPath("$.refreshToken")
			.doesNotExist();
	}

	@Test
	void loginWhenWebModeThenCookiesCarryAWorkingSession() {
		AppSession user = this.accounts.newUser("uma");

		WebSession browser = WebSession
			.from(WebSession
				.expectSessionCookies(
						this.accounts.login(user.username(), Accounts.PASSWORD, "web").expectStatus().isOk(), false)
				.expectBody()
				.jsonPath("$.accessToken")
				.doesNotExist()
				.returnResult());

		this.accounts.me(browser.accessToken()).expectStatus().isOk();
		this.accounts.refresh(browser.refreshToken()).expectStatus().isOk();
	}

	@Test
	void verifyEmailWhenWebModeThenCookiesAndNoTokensInBody() {
		String email = Accounts.emailOf(this.accounts.registerNew("vic"));

		WebSession
			.expectSessionCookies(
					this.accounts.verify(email, this.accounts.awaitCode(email, 1), "web").expectStatus().isOk(), false)
			.expectBody()
			.jsonPath("$.user.email")
			.isEqualTo(email)
			.jsonPath("$.accessToken")
			.doesNotExist()
			.jsonPath("$.refreshToken")
			.doesNotExist();
	}

	@Test
	void sessionWhenIssuedThenAccessLivesFifteenMinutesAndRefreshThirtyDays() {
		AppSession user = this.accounts.newUser("wes");
		Instant before = Instant.now();

		this.accounts.login(user.username(), Accounts.PASSWORD, "app")
			.expectBody()
			.jsonPath("$.accessTokenExpiresAt")
			.value(String.class,
					(at) -> assertThat(Instant.parse(at)).isBetween(before.plus(Duration.ofMinutes(15)).minusSeconds(5),
							before.plus(Duration.ofMinutes(16))))
			.jsonPath("$.refreshTokenExpiresAt")
			.value(String.class,
					(at) -> assertThat(Instant.parse(at)).isBetween(before.plus(Duration.ofDays(30)).minusSeconds(5),
							before.plus(Duration.ofDays(30).plusMinutes(1))));
	}

	private static WebTestClient.BodyContentSpec expectSessionBody(WebTestClient.ResponseSpec response,
			AppSession user) {
		return response.expectBody()
			.jsonPath("$.user.id")
			.isEqualTo(user.userId())
			.jsonPath("$.user.username")
			.isEqualTo(user.username())
			.jsonPath("$.user.email")
			.isEqualTo(user.email())
			.jsonPath("$.user.emailVerified")
			.isEqualTo(true)
			.jsonPath("$.accessTokenExpiresAt")
			.value(String.class, (at) -> assertThat(at).matches(TIMESTAMP))
			.jsonPath("$.refreshTokenExpiresAt")
			.value(String.class, (at) -> assertThat(at).matches(TIMESTAMP));
	}

}

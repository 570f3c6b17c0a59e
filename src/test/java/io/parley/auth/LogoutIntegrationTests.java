package io.parley.auth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.WebSession;

import static io.parley.support.Problems.expectProblem;

class LogoutIntegrationTests extends IntegrationTest {

	@Test
	void logoutWhenAppModeThenThatSessionEndsAtOnceAndOthersLive() {
		AppSession phone = this.accounts.newUser("lou");
		AppSession laptop = this.accounts.loginApp(phone);

		this.accounts.logout(phone.refreshToken()).expectStatus().isNoContent().expectBody().isEmpty();

		expectProblem(this.accounts.me(phone.accessToken()), HttpStatus.UNAUTHORIZED, "unauthenticated");
		expectProblem(this.accounts.refresh(phone.refreshToken()), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
		this.accounts.me(laptop.accessToken()).expectStatus().isOk();
		laptop.refreshedBy(this.accounts.refresh(laptop.refreshToken()));
	}

	@Test
	void logoutWhenAlreadyLoggedOutThenNoContent() {
		AppSession session = this.accounts.newUser("max");
		this.accounts.logout(session.refreshToken()).expectStatus().isNoContent();

		this.accounts.logout(session.refreshToken()).expectStatus().isNoContent();
	}

	@Test
	void logoutWhenNoTokenThenNoContent() {
		this.http.post().uri("/api/auth/logout").exchange().expectStatus().isNoContent();
		this.http.post()
			.uri("/api/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isNoContent();
		this.accounts.logout("never-issued").expectStatus().isNoContent();
	}

	@Test
	void logoutWhenWebModeThenCookiesClearedAndSessionEnded() {
		AppSession user = this.accounts.newUser("ned");
		WebSession browser = this.accounts.loginWeb(user);

		browser.cookiesAndCsrf(this.http.post().uri("/api/auth/logout"))
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectCookie()
			.valueEquals(WebSession.ACCESS, "")
			.expectCookie()
			.maxAge(WebSession.ACCESS, Duration.ZERO)
			.expectCookie()
			.path(WebSession.ACCESS, "/")
			.expectCookie()
			.valueEquals(WebSession.REFRESH, "")
			.expectCookie()
			.maxAge(WebSession.REFRESH, Duration.ZERO)
			.expectCookie()
			.path(WebSession.REFRESH, "/api/auth");

		expectProblem(browser.get(this.http, "/api/users/me"), HttpStatus.UNAUTHORIZED, "unauthenticated");
		this.accounts.me(user.accessToken()).expectStatus().isOk();
	}

}

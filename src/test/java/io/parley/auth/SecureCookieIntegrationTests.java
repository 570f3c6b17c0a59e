package io.parley.auth;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.WebSession;

/**
 * Behind an https public URL every cookie is {@code Secure}. (Its own application
 * context, so the only test class that changes the public URL.)
 */
@TestPropertySource(properties = "parley.http.public-url=https://chat.example.com")
class SecureCookieIntegrationTests extends IntegrationTest {

	@Test
	void loginWhenPublicUrlIsHttpsThenEveryCookieSecure() {
		AppSession user = this.accounts.newUser("secure");

		WebTestClient.ResponseSpec response = this.accounts.login(user.username(), Accounts.PASSWORD, "web")
			.expectStatus()
			.isOk();

		WebSession.expectSessionCookies(response, true);
		WebSession.expectXsrfCookie(response, true);
	}

	@Test
	void csrfWhenPublicUrlIsHttpsThenXsrfCookieSecure() {
		WebSession.expectXsrfCookie(this.http.get().uri("/api/auth/csrf").exchange().expectStatus().isNoContent(),
				true);
	}

}

package io.parley.auth;

import org.junit.jupiter.api.Test;

import io.parley.support.AppSession;
import io.parley.support.Accounts;
import io.parley.support.IntegrationTest;

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
			.jsonPath("$.emailVerificationRequired")
			.isEqualTo(true);
		String code = this.accounts.awaitCode(email, 1);
		this.accounts.verify(email, code, "app").expectStatus().isOk();

		AppSession session = this.accounts.newUser("bob");
		this.http.get()
			.uri("/api/users/me")
			.header("Authorization", session.bearer())
			.exchange()
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

}

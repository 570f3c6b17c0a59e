package io.parley.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.support.Problems.expectProblem;
import static io.parley.support.Problems.expectValidationFailed;
import static org.assertj.core.api.Assertions.assertThat;

class UserIntegrationTests extends IntegrationTest {

	@Test
	void getMeWhenSignedInThenUserSelf() {
		AppSession me = this.accounts.newUser("self");

		this.accounts.me(me.accessToken())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(8)
			.jsonPath("$.id")
			.isEqualTo(me.userId())
			.jsonPath("$.username")
			.isEqualTo(me.username())
			.jsonPath("$.displayName")
			.isEqualTo(me.username())
			.jsonPath("$.avatarUrl")
			.isEmpty()
			.jsonPath("$.email")
			.isEqualTo(me.email())
			.jsonPath("$.emailVerified")
			.isEqualTo(true)
			.jsonPath("$.discoverable")
			.isEqualTo(false)
			.jsonPath("$.createdAt")
			.value(String.class, (at) -> assertThat(at).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
	}

	@Test
	void getMeWhenNotSignedInThenUnauthenticated() {
		expectProblem(this.http.get().uri("/api/users/me").exchange(), HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	@Test
	void patchMeWhenDisplayNameAndDiscoverableGivenThenChangedAndKept() {
		AppSession me = this.accounts.newUser("patch");

		patchMe(me, Map.of("displayName", "  New Name  ", "discoverable", true)).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.displayName")
			.isEqualTo("New Name")
			.jsonPath("$.discoverable")
			.isEqualTo(true)
			.jsonPath("$.email")
			.isEqualTo(me.email());

		patchMe(me, Map.of()).expectStatus().isOk();
		this.accounts.me(me.accessToken())
			.expectBody()
			.jsonPath("$.displayName")
			.isEqualTo("New Name")
			.jsonPath("$.discoverable")
			.isEqualTo(true);
	}

	@Test
	void patchMeWhenDisplayNameBlankThenValidationFailed() {
		AppSession me = this.accounts.newUser("blank");

		expectValidationFailed(patchMe(me, Map.of("displayName", "   ")), "displayName");
		this.accounts.me(me.accessToken()).expectBody().jsonPath("$.displayName").isEqualTo(me.username());
	}

	@Test
	void patchMeWhenDiscoverableIsNotBooleanThenMalformedRequest() {
		AppSession me = this.accounts.newUser("typed");

		expectProblem(patchMe(me, Map.of("discoverable", "yes")), HttpStatus.BAD_REQUEST, "malformed_request");
	}

	@Test
	void getUserWhenOtherUserThenUserPublicWithoutEmail() {
		AppSession me = this.accounts.newUser("viewer");
		AppSession other = this.accounts.newUser("viewed");

		this.accounts.get("/api/users/" + other.userId(), me.accessToken()).expectStatus().isOk().expectBody().json("""
				{"id":%d,"username":"%s","displayName":"%s","avatarUrl":null}
				""".formatted(other.userId(), other.username(), other.username()), true);
	}

	@Test
	void getUserWhenUnknownIdThenUserNotFound() {
		AppSession me = this.accounts.newUser("seeker");

		expectProblem(this.accounts.get("/api/users/9007199254740991", me.accessToken()), HttpStatus.NOT_FOUND,
				"user_not_found");
	}

	@Test
	void getUserWhenNotSignedInThenUnauthenticated() {
		AppSession other = this.accounts.newUser("hidden");

		expectProblem(this.http.get().uri("/api/users/" + other.userId()).exchange(), HttpStatus.UNAUTHORIZED,
				"unauthenticated");
	}

	private WebTestClient.ResponseSpec patchMe(AppSession me, Map<String, Object> body) {
		return this.http.patch()
			.uri("/api/users/me")
			.header(HttpHeaders.AUTHORIZATION, me.bearer())
			.bodyValue(body)
			.exchange();
	}

}

package io.parley.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.Accounts;
import io.parley.support.ApiIntegrationTest;
import io.parley.support.AppSession;
import io.parley.support.ParleyApi;

import static io.parley.support.ParleyApi.number;
import static io.parley.support.Problems.expectValidationFailed;

/**
 * Every text length limit counts characters as a person does (code points): an emoji
 * outside the Basic Multilingual Plane is one character, not two UTF-16 units.
 */
class TextLengthIntegrationTests extends ApiIntegrationTest {

	private static final String EMOJI = "\uD83D\uDE00";

	@Test
	void messageContentAndClientMessageIdCountCodePoints() {
		AppSession alice = this.accounts.newUser("len");
		long roomId = ParleyApi.room("private", alice);
		this.api.post(alice, roomId, Map.of("content", EMOJI.repeat(4000), "clientMessageId", EMOJI.repeat(64)))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.clientMessageId")
			.isEqualTo(EMOJI.repeat(64));
		expectValidationFailed(this.api.post(alice, roomId, Map.of("content", EMOJI.repeat(4001))), "content");
		expectValidationFailed(
				this.api.post(alice, roomId, Map.of("content", "hi", "clientMessageId", EMOJI.repeat(65))),
				"clientMessageId");
		long messageId = number(this.api.message(alice, roomId, "short"), "id");
		String message = "/api/rooms/{id}/messages/{messageId}";
		this.api.send(alice, HttpMethod.PATCH, Map.of("content", EMOJI.repeat(4000)), message, roomId, messageId)
			.expectStatus()
			.isOk();
		expectValidationFailed(this.api.send(alice, HttpMethod.PATCH, Map.of("content", EMOJI.repeat(4001)), message,
				roomId, messageId), "content");
	}

	@Test
	void displayNameCountsCodePoints() {
		AppSession me = this.accounts.newUser("len");
		patchMe(me, Map.of("displayName", EMOJI.repeat(64))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.displayName")
			.isEqualTo(EMOJI.repeat(64));
		expectValidationFailed(patchMe(me, Map.of("displayName", EMOJI.repeat(65))), "displayName");

		String username = Accounts.uniqueName("len");
		Map<String, String> registration = Map.of("username", username, "email", Accounts.emailOf(username), "password",
				Accounts.PASSWORD, "displayName", EMOJI.repeat(65));
		expectValidationFailed(this.accounts.post("/api/auth/register", registration), "displayName");
		this.accounts
			.post("/api/auth/register", Map.of("username", username, "email", Accounts.emailOf(username), "password",
					Accounts.PASSWORD, "displayName", EMOJI.repeat(64)))
			.expectStatus()
			.isAccepted();
	}

	@Test
	void emailCountsCodePoints() {
		String local = EMOJI.repeat(240);
		this.accounts.resendCode(local + "@example.com").expectStatus().isAccepted();
		expectValidationFailed(this.accounts.resendCode(local + EMOJI.repeat(3) + "@example.com"), "email");
	}

	@Test
	void roomNameAndDiscoverQueryCountCodePoints() {
		AppSession owner = this.accounts.newUser("len");
		this.api.send(owner, HttpMethod.POST, Map.of("name", EMOJI.repeat(100)), "/api/rooms")
			.expectStatus()
			.isCreated();
		expectValidationFailed(this.api.send(owner, HttpMethod.POST, Map.of("name", EMOJI.repeat(101)), "/api/rooms"),
				"name");
		this.api.get(owner, "/api/rooms/discover?q={q}", EMOJI.repeat(100)).expectStatus().isOk();
		expectValidationFailed(this.api.get(owner, "/api/rooms/discover?q={q}", EMOJI.repeat(101)), "q");
	}

	private WebTestClient.ResponseSpec patchMe(AppSession me, Map<String, ?> body) {
		return this.api.send(me, HttpMethod.PATCH, body, "/api/users/me");
	}

}

package io.parley.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.Accounts;
import io.parley.support.ApiIntegrationTest;
import io.parley.support.AppSession;
import io.parley.support.ParleyApi;
import io.parley.support.TestSocket;

import static io.parley.support.ParleyApi.body;
import static io.parley.support.ParleyApi.number;
import static io.parley.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON text that PostgreSQL cannot store (NUL) or that is not Unicode (an unpaired
 * surrogate) is a malformed request or frame wherever it comes, and no JSON type is
 * coerced from an empty string.
 */
class JsonInputIntegrationTests extends ApiIntegrationTest {

	/** JSON string literals (escapes as a client writes them) that must be refused. */
	private static final List<String> UNSTORABLE = List.of("\"a\\u0000b\"", "\"\\ud800x\"", "\"x\\udc00\"",
			"\"\\ude00\\ud83d\"");

	@Test
	void authBodiesWhenTextUnstorableThenMalformedRequest() {
		String username = Accounts.uniqueName("nul");
		String email = Accounts.emailOf(username);
		String password = "\"" + Accounts.PASSWORD + "\"";
		expectRefused("displayName", (text) -> auth("/api/auth/register", "{\"username\":\"" + username
				+ "\",\"email\":\"" + email + "\",\"password\":" + password + ",\"displayName\":" + text + "}"));
		expectRefused("password", (text) -> auth("/api/auth/register",
				"{\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"password\":" + text + "}"));
		expectRefused("email",
				(text) -> auth("/api/auth/verify-email", "{\"email\":" + text + ",\"code\":\"123456\"}"));
		expectRefused("email", (text) -> auth("/api/auth/resend-code", "{\"email\":" + text + "}"));
		expectRefused("login",
				(text) -> auth("/api/auth/login", "{\"login\":" + text + ",\"password\":" + password + "}"));
		AppSession me = this.accounts.newUser("pw");
		expectRefused("password",
				(text) -> auth("/api/auth/login", "{\"login\":\"" + me.username() + "\",\"password\":" + text + "}"));
		expectRefused("refreshToken", (text) -> auth("/api/auth/refresh", "{\"refreshToken\":" + text + "}"));
	}

	@Test
	void profileWhenDisplayNameUnstorableThenMalformedRequestAndUnchanged() {
		AppSession me = this.accounts.newUser("nul");
		expectRefused("displayName",
				(text) -> call(me, HttpMethod.PATCH, "/api/users/me", "{\"displayName\":" + text + "}"));
		this.accounts.me(me.accessToken()).expectBody().jsonPath("$.displayName").isEqualTo(me.username());
	}

	@Test
	void profileWhenDisplayNameIsAnEscapedSurrogatePairThenStoredAsOneCharacter() {
		AppSession me = this.accounts.newUser("emoji");
		call(me, HttpMethod.PATCH, "/api/users/me", "{\"displayName\":\"a\\ud83d\\ude00\\nb\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.displayName")
			.isEqualTo("a\uD83D\uDE00\nb");
	}

	@Test
	void roomBodiesWhenTextUnstorableThenMalformedRequest() {
		AppSession owner = this.accounts.newUser("nul");
		long roomId = ParleyApi.room("public", owner);
		expectRefused("name", (text) -> call(owner, HttpMethod.POST, "/api/rooms", "{\"name\":" + text + "}"));
		expectRefused("name",
				(text) -> call(owner, HttpMethod.PATCH, "/api/rooms/" + roomId, "{\"name\":" + text + "}"));
		expectRefused("slug", (text) -> call(owner, HttpMethod.POST, "/api/rooms/join", "{\"slug\":" + text + "}"));
	}

	@Test
	void messageBodiesWhenTextUnstorableThenMalformedRequestAndNothingStored() {
		AppSession alice = this.accounts.newUser("nul");
		long roomId = ParleyApi.room("private", alice);
		String messages = "/api/rooms/" + roomId + "/messages";
		long messageId = number(this.api.message(alice, roomId, "first"), "id");
		expectRefused("content", (text) -> call(alice, HttpMethod.POST, messages, "{\"content\":" + text + "}"));
		expectRefused("clientMessageId", (text) -> call(alice, HttpMethod.POST, messages,
				"{\"content\":\"hi\",\"clientMessageId\":" + text + "}"));
		expectRefused("content",
				(text) -> call(alice, HttpMethod.PATCH, messages + "/" + messageId, "{\"content\":" + text + "}"));
		assertThat(number(this.api.room(alice, roomId), "lastSeq")).isEqualTo(1);
		assertThat(ParleyApi.seqs(this.api.history(alice, roomId, ""))).containsExactly(1L);
	}

	@Test
	void socketFrameWhenTextUnstorableThenMalformedFrameAndSocketStaysOpen() {
		AppSession alice = this.accounts.newUser("nul");
		long roomId = ParleyApi.room("private", alice);
		try (TestSocket socket = ready(alice, roomId)) {
			List<String> frames = new ArrayList<>(UNSTORABLE.stream()
				.map((text) -> "{\"type\":\"SEND\",\"content\":" + text + ",\"clientMessageId\":\"c-1\"}")
				.toList());
			frames.add("{\"content\":\"a\\u0000b\"}");
			frames.add("{\"type\":\"SEND\",\"content\":\"hi\",\"clientMessageId\":\"a\\u0000b\"}");
			for (String frame : frames) {
				socket.send(frame);
				JsonNode error = socket.next("ERROR");
				assertThat(error.get("data").get("code").asString()).isEqualTo("malformed_frame");
				assertThat(error.get("data").get("message").asString())
					.isEqualTo("Text must not contain NUL characters or unpaired surrogates.");
				// the refused send is named when its own id is good text
				JsonNode named = error.get("data").get("clientMessageId");
				assertThat((named != null && !named.isNull()) ? named.asString() : null)
					.isEqualTo(frame.contains("\"c-1\"") ? "c-1" : null);
				// a good frame between keeps the socket from closing for repeated bad
				// ones
				socket.send("{\"type\":\"PING\"}");
				socket.next("PONG");
			}
		}
		assertThat(number(this.api.room(alice, roomId), "lastSeq")).isZero();
	}

	@Test
	void emptyStringWhereANumberOrBooleanBelongsThenMalformedRequest() {
		AppSession owner = this.accounts.newUser("empty");
		long roomId = ParleyApi.room("private", owner);
		String links = "/api/rooms/" + roomId + "/invite-links";
		for (String body : List.of("{\"expiresInSeconds\":\"\"}", "{\"maxUses\":\"\"}", "{\"maxUses\":\" \"}")) {
			expectProblem(call(owner, HttpMethod.POST, links, body), HttpStatus.BAD_REQUEST, "malformed_request");
		}
		for (String body : List.of("{\"discoverable\":\"\"}", "{\"avatarAttachmentId\":\"\"}",
				"{\"discoverable\":\" \"}")) {
			expectProblem(call(owner, HttpMethod.PATCH, "/api/users/me", body), HttpStatus.BAD_REQUEST,
					"malformed_request");
		}
		expectProblem(call(owner, HttpMethod.POST, "/api/rooms/" + roomId + "/messages",
				"{\"content\":\"hi\",\"attachmentId\":\"\"}"), HttpStatus.BAD_REQUEST, "malformed_request");
		expectProblem(call(owner, HttpMethod.POST, "/api/rooms/" + roomId + "/read", "{\"seq\":\"\"}"),
				HttpStatus.BAD_REQUEST, "malformed_request");
		assertThat(body(this.api.get(owner, links).expectStatus().isOk())).containsEntry("items", List.of());
		// an empty string is still a string
		expectProblem(call(owner, HttpMethod.PATCH, "/api/users/me", "{\"displayName\":\"\"}"), HttpStatus.BAD_REQUEST,
				"validation_failed");
	}

	/** Each unstorable text in {@code field} is refused, the detail naming the field. */
	private static void expectRefused(String field, Function<String, WebTestClient.ResponseSpec> call) {
		for (String text : UNSTORABLE) {
			expectProblem(call.apply(text), HttpStatus.BAD_REQUEST, "malformed_request").jsonPath("$.detail")
				.isEqualTo("Field '" + field + "' must not contain NUL characters or unpaired surrogates.");
		}
	}

	private WebTestClient.ResponseSpec auth(String uri, String json) {
		return this.accounts.postRaw(uri, MediaType.APPLICATION_JSON, json);
	}

	private WebTestClient.ResponseSpec call(AppSession as, HttpMethod method, String uri, String json) {
		return this.http.method(method)
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, as.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

}

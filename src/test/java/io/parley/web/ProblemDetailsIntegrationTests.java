package io.parley.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.support.Problems.expectProblem;

/**
 * Every error is {@code application/problem+json} with a stable code and nothing
 * internal, whichever layer refuses the request.
 */
class ProblemDetailsIntegrationTests extends IntegrationTest {

	@Test
	void requestWhenApiRouteUnknownThenNotFound() {
		AppSession me = this.accounts.newUser("lost");

		expectProblem(this.accounts.get("/api/nowhere", me.accessToken()), HttpStatus.NOT_FOUND, "not_found");
	}

	@Test
	void requestWhenPathOutsideApiUnknownThenNotFound() {
		expectProblem(this.http.get().uri("/nowhere").exchange(), HttpStatus.NOT_FOUND, "not_found");
	}

	@Test
	void requestWhenApiRouteUnknownAndNotSignedInThenUnauthenticated() {
		expectProblem(this.http.get().uri("/api/nowhere").exchange(), HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	@Test
	void requestWhenIdNotANumberThenNotFound() {
		AppSession me = this.accounts.newUser("nan");

		expectProblem(this.accounts.get("/api/users/abc", me.accessToken()), HttpStatus.NOT_FOUND, "not_found");
	}

	@Test
	void requestWhenNumberHasASignOrOtherDigitsThenRefused() {
		AppSession me = this.accounts.newUser("digits");
		String self = "/api/users/" + me.userId();

		this.accounts.get(self, me.accessToken()).expectStatus().isOk();
		expectProblem(this.accounts.get("/api/users/+" + me.userId(), me.accessToken()), HttpStatus.NOT_FOUND,
				"not_found");
		expectProblem(this.accounts.get("/api/users/\uFF11", me.accessToken()), HttpStatus.NOT_FOUND, "not_found");
		expectProblem(this.accounts.get("/api/rooms?limit=+5", me.accessToken()), HttpStatus.BAD_REQUEST,
				"validation_failed");
	}

	@Test
	void requestWhenAcceptExcludesJsonThenNotAcceptable() {
		AppSession me = this.accounts.newUser("xml");

		expectProblem(accept("application/xml", me), HttpStatus.NOT_ACCEPTABLE, "not_acceptable");
		expectProblem(accept("*/*, application/json;q=0", me), HttpStatus.NOT_ACCEPTABLE, "not_acceptable");
		expectProblem(accept("application/*;q=0, */*", me), HttpStatus.NOT_ACCEPTABLE, "not_acceptable");
		accept("application/problem+json;q=0, application/json", me).expectStatus().isOk();
		accept("application/json", me).expectStatus().isOk();
		accept("text/html, */*;q=0.8", me).expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec accept(String accept, AppSession me) {
		return this.http.get()
			.uri("/api/users/me")
			.header(HttpHeaders.AUTHORIZATION, me.bearer())
			.header(HttpHeaders.ACCEPT, accept)
			.exchange();
	}

	@Test
	void headIsAnsweredLikeGetWithoutABody() {
		AppSession me = this.accounts.newUser("head");

		this.http.head()
			.uri("/api/users/me")
			.header(HttpHeaders.AUTHORIZATION, me.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.isEmpty();
		this.http.head()
			.uri("/api/nowhere")
			.header(HttpHeaders.AUTHORIZATION, me.bearer())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void requestWhenMethodWrongThenMethodNotAllowedWithAllow() {
		AppSession me = this.accounts.newUser("verb");

		expectProblem(this.http.delete()
			.uri("/api/users/me")
			.header(HttpHeaders.AUTHORIZATION, me.bearer())
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "GET,PATCH"), HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
	}

	@Test
	void requestWhenMethodWrongOnPublicRouteThenMethodNotAllowedWithAllow() {
		expectProblem(
				this.http.get().uri("/api/auth/login").exchange().expectHeader().valueEquals(HttpHeaders.ALLOW, "POST"),
				HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
	}

	@Test
	void requestWhenNotSignedInThenUnauthenticatedFromSecurity() {
		expectProblem(this.http.patch().uri("/api/users/me").bodyValue(Map.of()).exchange(), HttpStatus.UNAUTHORIZED,
				"unauthenticated");
	}

	@Test
	void requestWhenBodyNotJsonThenMalformedRequest() {
		expectProblem(patchMe(MediaType.APPLICATION_JSON, "{\"displayName\": java.lang.Object}"),
				HttpStatus.BAD_REQUEST, "malformed_request");
	}

	@Test
	void requestWhenBodyIsPlainTextThenUnsupportedMedia() {
		expectProblem(patchMe(MediaType.TEXT_PLAIN, "displayName=x"), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"unsupported_media");
	}

	@Test
	void requestWhenBodyOverTheLimitThenTooLarge() {
		String huge = "{\"username\":\"" + "a".repeat(300 * 1024) + "\"}";

		expectProblem(this.accounts.postRaw("/api/auth/register", MediaType.APPLICATION_JSON, huge),
				HttpStatus.CONTENT_TOO_LARGE, "too_large");
	}

	private WebTestClient.ResponseSpec patchMe(MediaType contentType, String body) {
		AppSession me = this.accounts.newUser("patcher");
		return this.http.patch()
			.uri("/api/users/me")
			.header(HttpHeaders.AUTHORIZATION, me.bearer())
			.contentType(contentType)
			.bodyValue(body)
			.exchange();
	}

}

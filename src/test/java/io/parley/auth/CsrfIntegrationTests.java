package io.parley.auth;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.WebSession;

import static io.parley.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class CsrfIntegrationTests extends IntegrationTest {

	private AppSession user;

	private WebSession browser;

	@BeforeEach
	void signIn() {
		this.user = this.accounts.newUser("csrf");
		this.browser = this.accounts.loginWeb(this.user);
	}

	@Test
	void meWhenOnlyAccessCookieThenUserSelf() {
		this.http.get()
			.uri("/api/users/me")
			.cookie(WebSession.ACCESS, this.browser.accessToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(this.user.userId())
			.jsonPath("$.email")
			.isEqualTo(this.user.email());
	}

	@Test
	void csrfWhenRequestedThenNoContentAndReadableXsrfCookie() {
		ResponseCookie cookie = WebSession
			.expectXsrfCookie(this.http.get().uri("/api/auth/csrf").exchange().expectStatus().isNoContent(), false)
			.expectBody()
			.isEmpty()
			.getResponseCookies()
			.getFirst(WebSession.XSRF);

		assertThat(cookie.getValue()).hasSizeGreaterThanOrEqualTo(32);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PATCH /api/users/me", "POST /api/auth/ws-token", "POST /api/auth/refresh",
			"POST /api/auth/logout" })
	void unsafeRequestWhenCookieAuthenticatedWithoutXsrfHeaderThenCsrfFailed(String request) {
		expectProblem(unsafe(request, this.browser::cookies), HttpStatus.FORBIDDEN, "csrf_failed");

		expectDisplayNameUnchangedAndSessionLive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "PATCH /api/users/me", "POST /api/auth/ws-token", "POST /api/auth/refresh",
			"POST /api/auth/logout" })
	void unsafeRequestWhenXsrfHeaderDiffersFromCookieThenCsrfFailed(String request) {
		expectProblem(unsafe(request, (spec) -> this.browser.cookies(spec).header(WebSession.XSRF_HEADER, "guessed")),
				HttpStatus.FORBIDDEN, "csrf_failed");

		expectDisplayNameUnchangedAndSessionLive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST /api/auth/refresh", "POST /api/auth/logout" })
	void refreshOrLogoutWhenOnlyRefreshCookieWithoutXsrfHeaderThenCsrfFailed(String request) {
		expectProblem(unsafe(request, (spec) -> spec.cookie(WebSession.REFRESH, this.browser.refreshToken())
			.cookie(WebSession.XSRF, this.browser.xsrfToken())), HttpStatus.FORBIDDEN, "csrf_failed");

		expectDisplayNameUnchangedAndSessionLive();
	}

	@Test
	void patchMeWhenXsrfHeaderMatchesCookieFromCsrfEndpointThenChanged() {
		String token = this.http.get()
			.uri("/api/auth/csrf")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst(WebSession.XSRF)
			.getValue();
		WebSession fresh = this.browser.withXsrfToken(token);

		fresh.cookiesAndCsrf(this.http.patch().uri("/api/users/me"))
			.bodyValue(Map.of("displayName", "Changed"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.displayName")
			.isEqualTo("Changed");
	}

	@Test
	void wsTokenWhenCookieAndXsrfHeaderThenIssued() {
		this.browser.cookiesAndCsrf(this.http.post().uri("/api/auth/ws-token"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.token")
			.isNotEmpty();
	}

	@Test
	void patchMeWhenBearerThenNoCsrfNeeded() {
		this.http.patch()
			.uri("/api/users/me")
			.header(HttpHeaders.AUTHORIZATION, this.user.bearer())
			.bodyValue(Map.of("discoverable", true))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.discoverable")
			.isEqualTo(true);
	}

	@Test
	void getWhenCookieAuthenticatedThenNoCsrfNeeded() {
		this.browser.get(this.http, "/api/users/me").expectStatus().isOk();
	}

	/**
	 * Sends "METHOD path" with the given credentials and a body that would change things.
	 */
	private WebTestClient.ResponseSpec unsafe(String request,
			UnaryOperator<WebTestClient.RequestBodySpec> credentials) {
		String[] parts = request.split(" ");
		return credentials.apply(this.http.method(HttpMethod.valueOf(parts[0])).uri(parts[1]))
			.bodyValue(Map.of("displayName", "Forged"))
			.exchange();
	}

	private void expectDisplayNameUnchangedAndSessionLive() {
		this.browser.get(this.http, "/api/users/me")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.displayName")
			.isEqualTo(this.user.username());
		this.browser.cookiesAndCsrf(this.http.post().uri("/api/auth/refresh")).exchange().expectStatus().isOk();
	}

}

package io.parley.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.TestDatabase;
import io.parley.support.WebSession;

import static io.parley.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenIntegrationTests extends IntegrationTest {

	@LocalServerPort
	private int port;

	@Test
	void refreshWhenTokenCurrentThenRotatedSessionThatWorks() {
		AppSession first = this.accounts.newUser("rory");

		AppSession second = first.refreshedBy(this.accounts.refresh(first.refreshToken()));

		assertThat(second.userId()).isEqualTo(first.userId());
		assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
		this.accounts.me(second.accessToken()).expectStatus().isOk();
		second.refreshedBy(this.accounts.refresh(second.refreshToken()));
	}

	@Test
	void refreshWhenRotatedTokenPresentedThenReusedAndWholeFamilyRevoked() {
		AppSession first = this.accounts.newUser("sage");
		AppSession second = first.refreshedBy(this.accounts.refresh(first.refreshToken()));
		AppSession third = second.refreshedBy(this.accounts.refresh(second.refreshToken()));
		AppSession otherLogin = this.accounts.loginApp(first);

		expectProblem(this.accounts.refresh(first.refreshToken()), HttpStatus.UNAUTHORIZED, "refresh_token_reused");

		expectProblem(this.accounts.refresh(third.refreshToken()), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
		expectProblem(this.accounts.refresh(first.refreshToken()), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
		for (AppSession family : List.of(first, second, third)) {
			expectProblem(this.accounts.me(family.accessToken()), HttpStatus.UNAUTHORIZED, "unauthenticated");
		}
		this.accounts.me(otherLogin.accessToken()).expectStatus().isOk();
		otherLogin.refreshedBy(this.accounts.refresh(otherLogin.refreshToken()));
	}

	@Test
	void refreshWhenTwoRaceWithOneTokenThenAtMostOneWinsAndFamilyRevoked() {
		AppSession session = this.accounts.newUser("race");
		WebClient client = WebClient.create("http://localhost:" + this.port);

		List<Outcome> outcomes = Mono
			.zip(refresh(client, session.refreshToken()), refresh(client, session.refreshToken()))
			.map((both) -> List.of(both.getT1(), both.getT2()))
			.block(Duration.ofSeconds(30));

		List<Outcome> winners = outcomes.stream().filter((outcome) -> outcome.status() == HttpStatus.OK).toList();
		assertThat(winners).hasSizeLessThanOrEqualTo(1);
		assertThat(outcomes).filteredOn((outcome) -> outcome.status() != HttpStatus.OK)
			.isNotEmpty()
			.allSatisfy((loser) -> {
				assertThat(loser.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(loser.body().get("code")).isIn("refresh_token_reused", "invalid_refresh_token");
			});
		expectProblem(this.accounts.me(session.accessToken()), HttpStatus.UNAUTHORIZED, "unauthenticated");
		for (Outcome winner : winners) {
			expectProblem(this.accounts.refresh((String) winner.body().get("refreshToken")), HttpStatus.UNAUTHORIZED,
					"invalid_refresh_token");
			expectProblem(this.accounts.me((String) winner.body().get("accessToken")), HttpStatus.UNAUTHORIZED,
					"unauthenticated");
		}
	}

	@Test
	void refreshWhenTokenUnknownThenInvalidRefreshToken() {
		expectProblem(this.accounts.refresh("not-a-token-we-issued"), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
	}

	@Test
	void refreshWhenNoTokenAtAllThenInvalidRefreshToken() {
		expectProblem(this.http.post().uri("/api/auth/refresh").exchange(), HttpStatus.UNAUTHORIZED,
				"invalid_refresh_token");
		expectProblem(this.accounts.post("/api/auth/refresh", Map.of()), HttpStatus.UNAUTHORIZED,
				"invalid_refresh_token");
	}

	@Test
	void refreshWhenWebModeThenRotatedThroughCookies() {
		AppSession user = this.accounts.newUser("wanda");
		WebSession browser = this.accounts.loginWeb(user);

		EntityExchangeResult<byte[]> refreshed = WebSession
			.expectSessionCookies(
					browser.cookiesAndCsrf(this.http.post().uri("/api/auth/refresh")).exchange().expectStatus().isOk(),
					false)
			.expectBody()
			.jsonPath("$.user.id")
			.isEqualTo(user.userId())
			.jsonPath("$.accessToken")
			.doesNotExist()
			.jsonPath("$.refreshToken")
			.doesNotExist()
			.returnResult();
		WebSession renewed = browser.renewedBy(refreshed);

		assertThat(renewed.refreshToken()).isNotEqualTo(browser.refreshToken());
		renewed.get(this.http, "/api/users/me").expectStatus().isOk();
		expectProblem(browser.cookiesAndCsrf(this.http.post().uri("/api/auth/refresh")).exchange(),
				HttpStatus.UNAUTHORIZED, "refresh_token_reused");
	}

	@Test
	void refreshWhenWebModeWithJsonContentTypeButNoBodyThenCookieUsed() {
		WebSession browser = this.accounts.loginWeb(this.accounts.newUser("empty"));

		browser.cookiesAndCsrf(this.http.post().uri("/api/auth/refresh"))
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void refreshWhenSessionExpiredThenInvalidRefreshToken() {
		AppSession session = this.accounts.newUser("old");
		TestDatabase.expireSessionsOf(session.email());

		expectProblem(this.accounts.refresh(session.refreshToken()), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
		expectProblem(this.accounts.me(session.accessToken()), HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	private static Mono<Outcome> refresh(WebClient client, String refreshToken) {
		return client.post()
			.uri("/api/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchangeToMono((response) -> response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			}).map((body) -> new Outcome(HttpStatus.valueOf(response.statusCode().value()), body)));
	}

	private record Outcome(HttpStatus status, Map<String, Object> body) {
	}

}

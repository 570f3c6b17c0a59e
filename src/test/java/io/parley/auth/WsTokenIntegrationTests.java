package io.parley.auth;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;

import static io.parley.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class WsTokenIntegrationTests extends IntegrationTest {

	@Test
	void wsTokenWhenAuthenticatedThenShortLivedToken() {
		AppSession session = this.accounts.newUser("wsuser");
		Instant before = Instant.now();

		this.http.post()
			.uri("/api/auth/ws-token")
			.header(HttpHeaders.AUTHORIZATION, session.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.token")
			.value(String.class,
					(token) -> assertThat(token).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(session.accessToken()))
			.jsonPath("$.expiresAt")
			.value(String.class, (at) -> assertThat(Instant.parse(at)).isBetween(before.plusSeconds(55),
					before.plus(Duration.ofSeconds(65))));
	}

	@Test
	void wsTokenWhenNotAuthenticatedThenUnauthenticated() {
		expectProblem(this.http.post().uri("/api/auth/ws-token").exchange(), HttpStatus.UNAUTHORIZED,
				"unauthenticated");
	}

	@Test
	void wsTokenWhenSessionLoggedOutThenUnauthenticated() {
		AppSession session = this.accounts.newUser("wsgone");
		this.accounts.logout(session.refreshToken()).expectStatus().isNoContent();

		expectProblem(this.http.post()
			.uri("/api/auth/ws-token")
			.header(HttpHeaders.AUTHORIZATION, session.bearer())
			.exchange(), HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

}

package io.parley.support;

import java.util.Map;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A signed-in user in app mode: ids and tokens from a {@code Session} body.
 */
public record AppSession(long userId, String username, String email, String accessToken, String refreshToken) {

	@SuppressWarnings("unchecked")
	static AppSession from(WebTestClient.ResponseSpec response, String username, String email) {
		Map<String, Object> body = response.expectBody(Map.class).returnResult().getResponseBody();
		Map<String, Object> user = (Map<String, Object>) body.get("user");
		return new AppSession(((Number) user.get("id")).longValue(), username, email, (String) body.get("accessToken"),
				(String) body.get("refreshToken"));
	}

	/** The session after a refresh answered with this response. */
	public AppSession refreshedBy(WebTestClient.ResponseSpec response) {
		return from(response.expectStatus().isOk(), this.username, this.email);
	}

	public String bearer() {
		return "Bearer " + this.accessToken;
	}

}

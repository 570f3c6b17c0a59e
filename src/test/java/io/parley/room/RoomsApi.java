package io.parley.room;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.parley.support.AppSession;

/**
 * The room endpoints as a test client calls them.
 */
final class RoomsApi {

	private final WebTestClient http;

	RoomsApi(WebTestClient http) {
		this.http = http;
	}

	WebTestClient.ResponseSpec create(AppSession as, Map<String, ?> body) {
		return send(as, HttpMethod.POST, "/api/rooms", body);
	}

	/** Creates a room and answers its id. */
	long create(AppSession as, String name, String visibility) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("visibility", visibility);
		return id(create(as, body).expectStatus().isCreated());
	}

	WebTestClient.ResponseSpec get(AppSession as, String uri) {
		return this.http.get().uri(uri).header("Authorization", as.bearer()).exchange();
	}

	WebTestClient.ResponseSpec send(AppSession as, HttpMethod method, String uri, Map<String, ?> body) {
		return this.http.method(method)
			.uri(uri)
			.header("Authorization", as.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	WebTestClient.ResponseSpec call(AppSession as, HttpMethod method, String uri) {
		return this.http.method(method).uri(uri).header("Authorization", as.bearer()).exchange();
	}

	WebTestClient.ResponseSpec join(AppSession as, String slug) {
		return send(as, HttpMethod.POST, "/api/rooms/join", Map.of("slug", slug));
	}

	/** Joins a public room by its id (through its slug). */
	void joinPublic(AppSession as, long roomId, AppSession member) {
		String slug = (String) body(get(member, "/api/rooms/" + roomId).expectStatus().isOk()).get("slug");
		join(as, slug).expectStatus().isOk();
	}

	WebTestClient.ResponseSpec setRole(AppSession as, long roomId, long userId, String role) {
		return send(as, HttpMethod.PATCH, "/api/rooms/" + roomId + "/members/" + userId, Map.of("role", role));
	}

	WebTestClient.ResponseSpec kick(AppSession as, long roomId, long userId) {
		return call(as, HttpMethod.DELETE, "/api/rooms/" + roomId + "/members/" + userId);
	}

	WebTestClient.ResponseSpec leave(AppSession as, long roomId) {
		return call(as, HttpMethod.POST, "/api/rooms/" + roomId + "/leave");
	}

	/** The members' roles by user id. */
	@SuppressWarnings("unchecked")
	Map<Long, String> roles(AppSession as, long roomId) {
		List<Map<String, Object>> items = (List<Map<String, Object>>) body(
				get(as, "/api/rooms/" + roomId + "/members").expectStatus().isOk())
			.get("items");
		Map<Long, String> roles = new HashMap<>();
		for (Map<String, Object> item : items) {
			roles.put(((Number) ((Map<String, Object>) item.get("user")).get("id")).longValue(),
					(String) item.get("role"));
		}
		return roles;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> body(WebTestClient.ResponseSpec response) {
		return response.expectBody(Map.class).returnResult().getResponseBody();
	}

	static long id(WebTestClient.ResponseSpec response) {
		return ((Number) body(response).get("id")).longValue();
	}

	static void expectCode(WebTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
	}

}

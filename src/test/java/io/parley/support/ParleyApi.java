package io.parley.support;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The room and message endpoints as a test client calls them, in app mode (bearer
 * tokens), against any running Parley.
 */
public final class ParleyApi {

	private final WebTestClient http;

	public ParleyApi(WebTestClient http) {
		this.http = http;
	}

	/** A client of the Parley listening on {@code port} of this machine. */
	public static ParleyApi onPort(int port) {
		return new ParleyApi(TestClients.onPort(port));
	}

	public WebTestClient http() {
		return this.http;
	}

	/** The value of a metric as Prometheus scrapes it (the first series of that name). */
	public double metric(String name) {
		String scrape = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return scrape.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " in\n" + scrape));
	}

	public WebTestClient.ResponseSpec get(AppSession as, String uri, Object... variables) {
		return this.http.get().uri(uri, variables).header("Authorization", as.bearer()).exchange();
	}

	public WebTestClient.ResponseSpec call(AppSession as, HttpMethod method, String uri, Object... variables) {
		return this.http.method(method).uri(uri, variables).header("Authorization", as.bearer()).exchange();
	}

	public WebTestClient.ResponseSpec send(AppSession as, HttpMethod method, Map<String, ?> body, String uri,
			Object... variables) {
		return this.http.method(method)
			.uri(uri, variables)
			.header("Authorization", as.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** {@code POST /api/rooms/{id}/messages} with the given body. */
	public WebTestClient.ResponseSpec post(AppSession as, long roomId, Map<String, ?> body) {
		return send(as, HttpMethod.POST, body, "/api/rooms/{id}/messages", roomId);
	}

	/** Sends a text message over REST, expects 201 and answers the stored message. */
	public Map<String, Object> message(AppSession as, long roomId, String content) {
		return body(post(as, roomId, Map.of("content", content)).expectStatus().isCreated());
	}

	/** The room as {@code as} sees it. */
	public Map<String, Object> room(AppSession as, long roomId) {
		return body(get(as, "/api/rooms/{id}", roomId).expectStatus().isOk());
	}

	/** A page of history, e.g. {@code "?after=0&limit=2"}. */
	public Map<String, Object> history(AppSession as, long roomId, String query) {
		return body(get(as, "/api/rooms/" + roomId + "/messages" + query).expectStatus().isOk());
	}

	/** The seqs of a history page, in the order given. */
	@SuppressWarnings("unchecked")
	public static List<Long> seqs(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("items")).stream()
			.map((item) -> ((Number) item.get("seq")).longValue())
			.toList();
	}

	/** A group room of {@code owner} (via SQL) with the others as plain members. */
	public static long room(String visibility, AppSession owner, AppSession... members) {
		long roomId = Fixtures.room(owner.userId(), visibility);
		for (AppSession member : members) {
			Fixtures.join(roomId, member.userId(), "member");
		}
		return roomId;
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> body(WebTestClient.ResponseSpec response) {
		return response.expectBody(Map.class).returnResult().getResponseBody();
	}

	public static long number(Map<String, ?> body, String field) {
		return ((Number) body.get(field)).longValue();
	}

	/** Asserts the status and the problem's {@code code}. */
	public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status,
			String code) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code);
	}

}

package io.parley.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts the API's error shape: {@code application/problem+json} with
 * {@code type, title, status, detail, code}, and nothing internal in the body.
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	/** The response is this problem; returns the body for further checks. */
	public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, HttpStatus status,
			String code) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.consumeWith((result) -> assertNothingInternal(result.getResponseBody()))
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isEqualTo(status.getReasonPhrase())
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.detail")
			.isNotEmpty()
			.jsonPath("$.code")
			.isEqualTo(code);
	}

	/** A {@code validation_failed} problem naming exactly these fields. */
	public static WebTestClient.BodyContentSpec expectValidationFailed(WebTestClient.ResponseSpec response,
			String... fields) {
		return expectProblem(response, HttpStatus.BAD_REQUEST, "validation_failed").jsonPath("$.errors[*].field")
			.isEqualTo(List.of(fields))
			.jsonPath("$.errors[*].message")
			.value((messages) -> assertThat(messages.toString()).doesNotContain("null"));
	}

	/** A raw response is this problem. */
	public static void expectProblem(RawHttp.Response response, HttpStatus status, String code) {
		assertThat(response.status()).as(response.head()).isEqualTo(status.value());
		assertThat(MediaType.parseMediaType(response.header("Content-Type")))
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertNothingInternal(response.body().getBytes(StandardCharsets.UTF_8));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("title").asString()).isEqualTo(status.getReasonPhrase());
		assertThat(problem.get("status").asInt()).isEqualTo(status.value());
		assertThat(problem.get("detail").asString()).isNotEmpty();
		assertThat(problem.get("code").asString()).isEqualTo(code);
	}

	private static void assertNothingInternal(byte[] body) {
		String text = new String((body != null) ? body : new byte[0], StandardCharsets.UTF_8);
		assertThat(text).doesNotContain("Exception", "io.parley", "java.", "org.springframework", "\tat ", "reactor.");
	}

}

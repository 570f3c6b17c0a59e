package io.parley.config;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.http.MediaType;

import io.parley.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class ActuatorIntegrationTests extends IntegrationTest {

	@Autowired
	private HealthEndpointGroups health;

	@Test
	void readinessWhenDatabaseUpThenUpAndIncludesTheDatabase() {
		this.http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"status\":\"UP\"}", true);
		// the body names no components (show-components is off), so ask the group itself
		assertThat(this.health.get("readiness").isMember("r2dbc")).isTrue();
	}

	@Test
	void livenessWhenRunningThenUp() {
		this.http.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void prometheusWhenScrapedThenMetricsInTextFormat() {
		this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("jvm_memory_used_bytes"));
	}

}

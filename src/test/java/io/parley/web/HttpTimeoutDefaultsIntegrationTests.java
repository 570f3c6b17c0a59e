package io.parley.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;

import io.parley.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out of the box a connection that sends nothing is closed after a minute and a request
 * body has half a minute to arrive ({@link HttpTimeoutIntegrationTests} shows what they
 * do, shortened).
 */
class HttpTimeoutDefaultsIntegrationTests extends IntegrationTest {

	@Autowired
	private NettyServerProperties netty;

	@Autowired
	private HttpProperties http;

	@Test
	void timeoutsWhenNotConfiguredThenAMinuteIdleAndHalfAMinutePerBody() {
		assertThat(this.netty.getIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.http.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

}

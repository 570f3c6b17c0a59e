package io.parley.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of tests that drive a running Parley over real HTTP, against real PostgreSQL and
 * real SMTP. Every test class shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class IntegrationTest {

	static {
		TestServices.start();
	}

	/** Set up by {@link TestClients}. */
	@Autowired
	protected WebTestClient http;

	protected Accounts accounts;

	@BeforeEach
	void setUpAccounts() {
		this.http = TestClients.configure(this.http.mutate());
		this.accounts = new Accounts(this.http, TestServices.mail());
	}

}

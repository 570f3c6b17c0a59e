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
// generous: the build machine has two cores, shared with PostgreSQL and Argon2 hashing
@AutoConfigureWebTestClient(timeout = "PT30S")
public abstract class IntegrationTest {

	static {
		TestServices.start();
	}

	@Autowired
	protected WebTestClient http;

	protected Accounts accounts;

	@BeforeEach
	void setUpAccounts() {
		this.accounts = new Accounts(this.http, TestServices.mail());
	}

}

package io.parley.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.Accounts;
import io.parley.support.AppSession;
import io.parley.support.IntegrationTest;
import io.parley.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords, codes and tokens never reach the log, not even at DEBUG for Parley's own
 * loggers.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogIntegrationTests extends IntegrationTest {

	@Autowired
	private LoggingSystem logging;

	@BeforeEach
	void logParleyAtDebug() {
		this.logging.setLogLevel("io.parley", LogLevel.DEBUG);
	}

	@AfterEach
	void restoreLogLevel() {
		this.logging.setLogLevel("io.parley", null);
	}

	@Test
	void accountLifecycleWhenRunThenNoSecretInTheLog(CapturedOutput output) {
		AppSession verified = this.accounts.newUser("quiet");
		String code = this.accounts.awaitCode(verified.email(), 1);
		AppSession loggedIn = this.accounts.loginApp(verified);
		AppSession refreshed = loggedIn.refreshedBy(this.accounts.refresh(loggedIn.refreshToken()));
		String wrongPassword = "wrong " + Accounts.PASSWORD;
		this.accounts.login(verified.username(), wrongPassword, "app").expectStatus().isUnauthorized();
		WebSession browser = this.accounts.loginWeb(verified);
		this.accounts.logout(refreshed.refreshToken()).expectStatus().isNoContent();

		assertThat(output.getAll())
			.doesNotContain(Accounts.PASSWORD, wrongPassword, verified.accessToken(), verified.refreshToken(),
					loggedIn.accessToken(), loggedIn.refreshToken(), refreshed.accessToken(), refreshed.refreshToken(),
					browser.accessToken(), browser.refreshToken(), browser.xsrfToken())
			.doesNotContainPattern("(?<![0-9])" + code + "(?![0-9])");
	}

}

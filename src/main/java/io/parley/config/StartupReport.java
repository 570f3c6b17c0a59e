package io.parley.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * One line an operator can read once Parley is up: where it listens and which services it
 * uses.
 */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment env = event.getApplicationContext().getEnvironment();
		int port = (event.getApplicationContext() instanceof WebServerApplicationContext web)
				? web.getWebServer().getPort() : -1;
		String smtp = env.getProperty("parley.mail.smtp.host");
		String redis = env.getProperty("parley.redis.url");
		log.info("Parley is listening on http://localhost:{} (public URL {}); PostgreSQL {}; bus {}; mail {}", port,
				env.getProperty("parley.http.public-url"), env.getProperty("parley.db.describe"),
				StringUtils.hasText(redis) ? "Redis" : "in-process (one instance; set PARLEY_REDIS_URL for Redis)",
				StringUtils.hasText(smtp) ? "SMTP " + smtp + ":" + env.getProperty("parley.mail.smtp.port")
						: "written to the log (set PARLEY_SMTP_HOST for SMTP)");
	}

}

package io.parley.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Parley is reached: its public URL (which decides {@code Secure} cookies), the
 * browser origins allowed to open cookie-authenticated WebSockets, the proxies whose
 * {@code X-Forwarded-For} is believed, and how long a request body may take to arrive
 * once its headers are in.
 */
@ConfigurationProperties("parley.http")
public record HttpProperties(@DefaultValue("http://localhost:8080") URI publicUrl,
		@DefaultValue List<String> allowedOrigins, @DefaultValue List<String> trustedProxies,
		@DefaultValue("30s") Duration requestTimeout) {

	public boolean secure() {
		return "https".equalsIgnoreCase(this.publicUrl.getScheme());
	}

}

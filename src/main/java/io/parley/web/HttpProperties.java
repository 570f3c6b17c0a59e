package io.parley.web;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Parley is reached: its public URL (which decides {@code Secure} cookies), the
 * browser origins allowed to open cookie-authenticated WebSockets, and the proxies whose
 * {@code X-Forwarded-For} is believed.
 */
@ConfigurationProperties("parley.http")
public record HttpProperties(@DefaultValue("http://localhost:8080") URI publicUrl,
		@DefaultValue List<String> allowedOrigins, @DefaultValue List<String> trustedProxies) {

	public boolean secure() {
		return "https".equalsIgnoreCase(this.publicUrl.getScheme());
	}

}

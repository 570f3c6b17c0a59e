package io.parley.support;

import java.util.Objects;

import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.ExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in browser in web mode: the cookies a {@code Session} response set.
 */
public record WebSession(String accessToken, String refreshToken, String xsrfToken) {

	public static final String ACCESS = "parley_access";

	public static final String REFRESH = "parley_refresh";

	public static final String XSRF = "XSRF-TOKEN";

	public static final String XSRF_HEADER = "X-XSRF-TOKEN";

	private static final long THIRTY_DAYS = 30 * 24 * 3600L;

	/**
	 * The response sets both session cookies with the API's attributes, {@code Secure}
	 * exactly when {@code secure}.
	 */
	public static WebTestClient.ResponseSpec expectSessionCookies(WebTestClient.ResponseSpec response, boolean secure) {
		return response.expectCookie()
			.httpOnly(ACCESS, true)
			.expectCookie()
			.sameSite(ACCESS, "Lax")
			.expectCookie()
			.path(ACCESS, "/")
			.expectCookie()
			.secure(ACCESS, secure)
			.expectCookie()
			.maxAge(ACCESS, (seconds) -> assertThat(seconds).isBetween(14 * 60L, 15 * 60L))
			.expectCookie()
			.httpOnly(REFRESH, true)
			.expectCookie()
			.sameSite(REFRESH, "Strict")
			.expectCookie()
			.path(REFRESH, "/api/auth")
			.expectCookie()
			.secure(REFRESH, secure)
			.expectCookie()
			.maxAge(REFRESH, (seconds) -> assertThat(seconds).isBetween(THIRTY_DAYS - 60, THIRTY_DAYS));
	}

	/**
	 * The response sets the {@code XSRF-TOKEN} cookie scripts read, {@code Secure}
	 * exactly when {@code secure}.
	 */
	public static WebTestClient.ResponseSpec expectXsrfCookie(WebTestClient.ResponseSpec response, boolean secure) {
		return response.expectCookie()
			.httpOnly(XSRF, false)
			.expectCookie()
			.path(XSRF, "/")
			.expectCookie()
			.secure(XSRF, secure);
	}

	public static WebSession from(ExchangeResult result) {
		return new WebSession(cookie(result, ACCESS), cookie(result, REFRESH), cookie(result, XSRF));
	}

	private static String cookie(ExchangeResult result, String name) {
		ResponseCookie cookie = result.getResponseCookies().getFirst(name);
		return Objects.requireNonNull(cookie, () -> "No " + name + " cookie was set").getValue();
	}

	/** The same browser after a response that set new session cookies. */
	public WebSession renewedBy(ExchangeResult result) {
		return new WebSession(cookie(result, ACCESS), cookie(result, REFRESH), this.xsrfToken);
	}

	/** The same browser with another {@code XSRF-TOKEN} cookie. */
	public WebSession withXsrfToken(String token) {
		return new WebSession(this.accessToken, this.refreshToken, token);
	}

	/** Sends every cookie a browser holds, but no CSRF header. */
	public <S extends WebTestClient.RequestHeadersSpec<S>> S cookies(S request) {
		return request.cookies(this::addTo);
	}

	/** A GET with every cookie a browser holds. */
	public WebTestClient.ResponseSpec get(WebTestClient http, String uri) {
		return http.get().uri(uri).cookies(this::addTo).exchange();
	}

	/** Sends every cookie and the matching {@code X-XSRF-TOKEN} header. */
	public <S extends WebTestClient.RequestHeadersSpec<S>> S cookiesAndCsrf(S request) {
		return cookies(request).header(XSRF_HEADER, this.xsrfToken);
	}

	private void addTo(MultiValueMap<String, String> cookies) {
		cookies.add(ACCESS, this.accessToken);
		cookies.add(REFRESH, this.refreshToken);
		cookies.add(XSRF, this.xsrfToken);
	}

}

package io.parley.auth;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.parley.web.ClientAddress;
import io.parley.web.CurrentUser;
import io.parley.web.RequestBodies;

/**
 * HTTP adapter for {@code /api/auth}: reads and checks bodies, picks web or app mode, and
 * writes sessions as cookies or as tokens in the body.
 */
@Component
class AuthHandler {

	private final AuthService auth;

	private final Sessions sessions;

	private final AuthRequests requests;

	private final SessionCookies cookies;

	private final DoubleSubmitCsrf csrf;

	private final ClientAddress clientAddress;

	AuthHandler(AuthService auth, Sessions sessions, AuthRequests requests, SessionCookies cookies,
			DoubleSubmitCsrf csrf, ClientAddress clientAddress) {
		this.auth = auth;
		this.sessions = sessions;
		this.requests = requests;
		this.cookies = cookies;
		this.csrf = csrf;
		this.clientAddress = clientAddress;
	}

	Mono<ServerResponse> register(ServerRequest request) {
		return RequestBodies.read(request, AuthRequests.RegisterBody.class)
			.map(this.requests::validated)
			.flatMap((registration) -> this.auth.register(registration, clientOf(request)))
			.then(ServerResponse.status(HttpStatus.ACCEPTED).bodyValue(Map.of("emailVerificationRequired", true)));
	}

	Mono<ServerResponse> verifyEmail(ServerRequest request) {
		return RequestBodies.read(request, AuthRequests.VerifyBody.class)
			.map(this.requests::validated)
			.flatMap((body) -> this.auth.verifyEmail(body.email().strip(), body.code())
				.flatMap((session) -> sessionResponse(request, session, body.app())));
	}

	Mono<ServerResponse> resendCode(ServerRequest request) {
		return RequestBodies.read(request, AuthRequests.ResendBody.class)
			.map(this.requests::validated)
			.flatMap((body) -> this.auth.resendCode(body.email().strip(), clientOf(request)))
			.then(ServerResponse.status(HttpStatus.ACCEPTED).build());
	}

	Mono<ServerResponse> login(ServerRequest request) {
		return RequestBodies.read(request, AuthRequests.LoginBody.class)
			.map(this.requests::validated)
			.flatMap((body) -> this.auth.login(body.login().strip(), body.password(), clientOf(request))
				.flatMap((session) -> sessionResponse(request, session, body.app())));
	}

	Mono<ServerResponse> refresh(ServerRequest request) {
		return presentedRefreshToken(request)
			.flatMap((presented) -> this.sessions.refresh(presented.token())
				.flatMap((session) -> sessionResponse(request, session, presented.app())))
			.switchIfEmpty(Mono.error(AuthErrors::invalidRefreshToken));
	}

	Mono<ServerResponse> logout(ServerRequest request) {
		return presentedRefreshToken(request).flatMap((presented) -> this.sessions.logout(presented.token()))
			.then(ServerResponse.noContent().cookies(this.cookies::clear).build());
	}

	Mono<ServerResponse> wsToken(ServerRequest request) {
		return CurrentUser.of(request)
			.flatMap(this.sessions::issueWsToken)
			.flatMap((issued) -> ServerResponse.ok()
				.bodyValue(Map.of("token", issued.token(), "expiresAt", issued.expiresAt())));
	}

	Mono<ServerResponse> csrf(ServerRequest request) {
		return ServerResponse.noContent().cookie(this.cookies.xsrf(Tokens.random())).build();
	}

	/**
	 * The refresh token from the body (app mode) or the cookie (web mode, which must pass
	 * the CSRF check); empty when there is neither.
	 */
	private Mono<Presented> presentedRefreshToken(ServerRequest request) {
		Mono<AuthRequests.RefreshBody> body = request.headers().contentType().isPresent()
				? RequestBodies.readIfPresent(request, AuthRequests.RefreshBody.class) : Mono.empty();
		return body.filter((b) -> b.refreshToken() != null && !b.refreshToken().isBlank())
			.map((b) -> new Presented(b.refreshToken(), true))
			.switchIfEmpty(Mono.defer(() -> {
				HttpCookie cookie = request.cookies().getFirst(SessionCookies.REFRESH);
				if (cookie == null || cookie.getValue().isEmpty()) {
					return Mono.empty();
				}
				return this.csrf.verify(request.exchange().getRequest())
					.thenReturn(new Presented(cookie.getValue(), false));
			}));
	}

	private Mono<ServerResponse> sessionResponse(ServerRequest request, IssuedSession session, boolean app) {
		ServerResponse.BodyBuilder ok = ServerResponse.ok();
		if (!app) {
			ok = ok.cookies((jar) -> this.cookies.write(jar, session, request.exchange().getRequest()));
		}
		return ok.bodyValue(SessionView.of(session, app));
	}

	private String clientOf(ServerRequest request) {
		return this.clientAddress.of(request.exchange().getRequest());
	}

	private record Presented(String token, boolean app) {
	}

}

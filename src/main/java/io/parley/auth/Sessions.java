package io.parley.auth;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.parley.user.User;
import io.parley.user.UserRepository;
import io.parley.web.AuthenticatedUser;

/**
 * Login sessions: opening one, rotating its refresh token, ending it, and the single-use
 * WebSocket tokens issued under it. Presenting a refresh token that was already rotated
 * ends the whole session ({@code refresh_token_reused}).
 */
@Service
public class Sessions {

	private final SessionStore store;

	private final UserRepository users;

	private final AccessTokens accessTokens;

	private final AuthProperties properties;

	private final ApplicationEventPublisher events;

	Sessions(SessionStore store, UserRepository users, AccessTokens accessTokens, AuthProperties properties,
			ApplicationEventPublisher events) {
		this.store = store;
		this.users = users;
		this.accessTokens = accessTokens;
		this.properties = properties;
		this.events = events;
	}

	Mono<IssuedSession> open(User user) {
		return this.store.create(user.id(), this.properties.refreshTokenTtl())
			.flatMap((session) -> issue(user, session));
	}

	Mono<IssuedSession> refresh(String refreshToken) {
		return this.store.rotate(Tokens.sha256(refreshToken))
			.switchIfEmpty(Mono.error(AuthErrors::invalidRefreshToken))
			.flatMap((presented) -> {
				if (!presented.live()) {
					return Mono.error(AuthErrors.invalidRefreshToken());
				}
				if (!presented.rotatedNow()) {
					return end(presented.session()).then(Mono.error(AuthErrors.refreshTokenReused()));
				}
				return this.users.findById(presented.session().userId())
					.switchIfEmpty(Mono.error(AuthErrors::invalidRefreshToken))
					.flatMap((user) -> issue(user, presented.session()));
			});
	}

	/**
	 * Ends the session the token belongs to; quietly does nothing for an unknown token.
	 */
	Mono<Void> logout(String refreshToken) {
		return this.store.revokeByRefreshToken(Tokens.sha256(refreshToken))
			.doOnNext((session) -> this.events.publishEvent(new SessionEnded(session.id(), session.userId())))
			.then();
	}

	/** A single-use token for a WebSocket handshake, valid briefly. */
	Mono<AccessTokens.Issued> issueWsToken(AuthenticatedUser caller) {
		String token = Tokens.random();
		return this.store.addWsToken(caller.sessionId(), Tokens.sha256(token), this.properties.wsTokenTtl())
			.map((expiresAt) -> new AccessTokens.Issued(token, expiresAt));
	}

	/**
	 * Authenticates a WebSocket or HTTP credential: a WebSocket token (used up here) or
	 * an access token of a live session.
	 */
	public Mono<AuthenticatedUser> authenticate(String token, AuthenticatedUser.Credential credential) {
		Optional<AccessTokens.Verified> access = this.accessTokens.verify(token);
		if (access.isPresent()) {
			AccessTokens.Verified claims = access.get();
			return this.store.isActive(claims.sessionId(), claims.userId())
				.filter(Boolean::booleanValue)
				.map((live) -> new AuthenticatedUser(claims.userId(), claims.sessionId(), credential));
		}
		if (credential != AuthenticatedUser.Credential.QUERY) {
			return Mono.empty();
		}
		return this.store.consumeWsToken(Tokens.sha256(token))
			.map((session) -> new AuthenticatedUser(session.userId(), session.id(), credential));
	}

	private Mono<IssuedSession> issue(User user, SessionStore.StoredSession session) {
		String refreshToken = Tokens.random();
		AccessTokens.Issued access = this.accessTokens.issue(user.id(), session.id());
		return this.store.addRefreshToken(session.id(), Tokens.sha256(refreshToken))
			.thenReturn(new IssuedSession(user, access.token(), access.expiresAt(), refreshToken, session.expiresAt()));
	}

	private Mono<Void> end(SessionStore.StoredSession session) {
		return this.store.revoke(session.id())
			.doOnSuccess((done) -> this.events.publishEvent(new SessionEnded(session.id(), session.userId())));
	}

}

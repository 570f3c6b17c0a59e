package io.parley.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import io.parley.user.User;
import io.parley.user.UserRepository;
import io.parley.web.CommonErrors;
import io.parley.web.RateLimiter;

/**
 * The rules of registration, verification and login. Answers never reveal whether an
 * e-mail address has an account: registering a known address, or asking a code for an
 * unknown one, looks exactly like the normal case.
 */
@Service
class AuthService {

	private static final Duration HOUR = Duration.ofHours(1);

	private final UserRepository users;

	private final PasswordHasher passwords;

	private final VerificationCodes codes;

	private final VerificationMail mail;

	private final Sessions sessions;

	private final RateLimiter limits;

	private final AuthProperties properties;

	AuthService(UserRepository users, PasswordHasher passwords, VerificationCodes codes, VerificationMail mail,
			Sessions sessions, RateLimiter limits, AuthProperties properties) {
		this.users = users;
		this.passwords = passwords;
		this.codes = codes;
		this.mail = mail;
		this.sessions = sessions;
		this.limits = limits;
		this.properties = properties;
	}

	Mono<Void> register(AuthRequests.Registration registration, String clientAddress) {
		return this.limits.acquire("register-ip", clientAddress, this.properties.registrationsPerIpPerHour(), HOUR)
			.flatMap((wait) -> Mono.<Void>error(CommonErrors.rateLimited(wait)))
			.then(this.passwords.hash(registration.password()))
			.flatMap((hash) -> this.users.insert(registration.username(), registration.email(), hash,
					registration.displayName()))
			.flatMap(this::sendNewCode)
			.switchIfEmpty(Mono.defer(() -> this.users.usernameExists(registration.username())
				.flatMap((taken) -> taken ? Mono.error(AuthErrors.usernameTaken()) : Mono.empty())))
			.then();
	}

	Mono<IssuedSession> verifyEmail(String email, String code) {
		return this.users.findByEmail(email)
			.filter((user) -> !user.emailVerified())
			.switchIfEmpty(Mono.error(AuthErrors::invalidCode))
			.flatMap((user) -> this.codes.check(user.id(), code).flatMap((outcome) -> switch (outcome) {
				case VERIFIED -> this.users.markEmailVerified(user.id()).then(this.users.findById(user.id()));
				case WRONG -> Mono.error(AuthErrors.invalidCode());
				case EXPIRED -> Mono.error(AuthErrors.codeExpired());
				case BURNT -> Mono.error(AuthErrors.tooManyAttempts(this.properties.mailInterval()));
			}))
			.flatMap(this.sessions::open);
	}

	Mono<Void> resendCode(String email, String clientAddress) {
		return this.limits.acquire("resend-ip", clientAddress, this.properties.resendsPerIpPerHour(), HOUR)
			.switchIfEmpty(this.limits.acquire("mail-address", email.toLowerCase(Locale.ROOT), 1,
					this.properties.mailInterval()))
			.flatMap((wait) -> Mono.<User>error(CommonErrors.rateLimited(wait)))
			.switchIfEmpty(this.users.findByEmail(email))
			.filter((user) -> !user.emailVerified())
			.flatMap((user) -> this.codes.issue(user.id())
				.doOnNext((code) -> this.mail.send(user.email(), user.username(), code)))
			.then();
	}

	Mono<IssuedSession> login(String login, String password, String clientAddress) {
		return this.users.findByLogin(login).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((found) -> {
			String account = found.map((user) -> "user:" + user.id()).orElse("login:" + login.toLowerCase(Locale.ROOT));
			return throttle(account, clientAddress)
				.then(this.passwords.matches(password, found.map(User::passwordHash).orElse(null)))
				.flatMap((matches) -> {
					if (!matches || found.isEmpty()) {
						return this.limits.record("login-account", account)
							.then(this.limits.record("login-ip", clientAddress))
							.then(Mono.error(AuthErrors.badCredentials()));
					}
					User user = found.get();
					if (!user.emailVerified()) {
						return Mono.error(AuthErrors.emailUnverified());
					}
					return this.limits.clear("login-account", account).then(this.sessions.open(user));
				});
		});
	}

	private Mono<Void> throttle(String account, String clientAddress) {
		int max = this.properties.loginMaxFailures();
		Duration window = this.properties.loginWindow();
		return this.limits.blockedFor("login-account", account, max, window)
			.switchIfEmpty(this.limits.blockedFor("login-ip", clientAddress, max, window))
			.flatMap((wait) -> Mono.error(AuthErrors.tooManyAttempts(wait)));
	}

	private Mono<User> sendNewCode(User user) {
		return this.limits.record("mail-address", user.email().toLowerCase(Locale.ROOT))
			.then(this.codes.issue(user.id()))
			.doOnNext((code) -> this.mail.send(user.email(), user.username(), code))
			.thenReturn(user);
	}

}

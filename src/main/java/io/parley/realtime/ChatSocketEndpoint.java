package io.parley.realtime;

import java.time.Duration;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.parley.room.RoomAccess;
import io.parley.user.UserPublic;
import io.parley.user.UserRepository;
import io.parley.web.CommonErrors;
import io.parley.web.Digits;
import io.parley.web.FieldChecks;
import io.parley.web.ParleyException;

/**
 * The handshakes of {@code /room/{id}}, {@code /ws} and {@code /users}. Every refusal is
 * answered as HTTP before the upgrade: 401 no or bad credentials, 403 not a member or a
 * foreign origin, 404 no such room or a private one, 503 shutting down.
 */
@Component
class ChatSocketEndpoint implements WebHandler {

	static final String ROOM_PREFIX = "/room/";

	static final String USERS = "/users";

	static final CloseStatus TOO_MANY = new CloseStatus(1013, "too many connections for this user");

	private static final Duration CAP_RETRY_AFTER = Duration.ofSeconds(5);

	private final Handshake handshake;

	private final RoomAccess access;

	private final UserRepository users;

	private final ConnectionRegistry registry;

	private final ChatSocket sockets;

	private final WebSocketService webSockets;

	private final RealtimeProperties properties;

	private final ShutdownGate gate;

	private final UsersSocket usersSockets;

	ChatSocketEndpoint(Handshake handshake, RoomAccess access, UserRepository users, ConnectionRegistry registry,
			ChatSocket sockets, WebSocketService webSockets, RealtimeProperties properties, ShutdownGate gate,
			UsersSocket usersSockets) {
		this.usersSockets = usersSockets;
		this.handshake = handshake;
		this.access = access;
		this.users = users;
		this.registry = registry;
		this.sockets = sockets;
		this.webSockets = webSockets;
		this.properties = properties;
		this.gate = gate;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		return Mono.defer(() -> {
			if (this.gate.closed()) {
				return Mono.error(new ParleyException(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down",
						"This server is shutting down; reconnect."));
			}
			Long roomId = roomId(exchange);
			long since = since(exchange);
			Channel channel = channelOf(exchange);
			return this.handshake.authenticate(exchange.getRequest())
				.flatMap((caller) -> mayOpen(caller, roomId).then(this.users.findById(caller.user().userId()))
					.switchIfEmpty(Mono.error(CommonErrors::unauthenticated))
					// the checks end on a database thread; Reactor Netty's upgrade must
					// run
					// on the socket's event loop, or a frame the client sends right after
					// the handshake can be lost
					.delayUntil((user) -> onEventLoop(channel))
					.flatMap((user) -> this.webSockets.handleRequest(exchange, (session) -> open(exchange, session,
							channel, caller, UserPublic.of(user), roomId, since))));
		});
	}

	/**
	 * A user at the socket cap is refused before the upgrade (429, like any limit); two
	 * handshakes racing past this check meet the cap again once open (1013).
	 */
	private Mono<Void> mayOpen(Handshake.Caller caller, @Nullable Long roomId) {
		if (this.registry.atCap(caller.user().userId())) {
			return Mono.error(CommonErrors.rateLimited(CAP_RETRY_AFTER));
		}
		return (roomId != null) ? this.access.requireMember(roomId, caller.user().userId()).then() : Mono.empty();
	}

	private Mono<Void> open(ServerWebExchange exchange, WebSocketSession session, Channel channel,
			Handshake.Caller caller, UserPublic user, @Nullable Long roomId, long since) {
		Connection connection = new Connection(session, channel, caller.user(), this.properties, roomId == null);
		if (!this.registry.admit(connection)) {
			return connection.close(TOO_MANY);
		}
		if (USERS.equals(exchange.getRequest().getPath().value())) {
			return this.usersSockets.run(session, connection);
		}
		return this.sockets.run(session, connection, user, roomId, since, caller.credentialExpiresAt());
	}

	/**
	 * Completes on the channel's event loop, so what follows runs there (no scheduler
	 * object per handshake).
	 */
	private static Mono<Void> onEventLoop(Channel channel) {
		return Mono.create((sink) -> channel.eventLoop().execute(sink::success));
	}

	/** The Netty channel under the socket, which frames are written to directly. */
	private static Channel channelOf(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (request instanceof reactor.netty.Connection connection) {
			return connection.channel();
		}
		throw new IllegalStateException("Parley's sockets run on Reactor Netty");
	}

	/** The room of {@code /room/{id}}; null for {@code /ws}. */
	private static @Nullable Long roomId(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		if (!path.startsWith(ROOM_PREFIX)) {
			return null;
		}
		long id = Digits.parse(path.substring(ROOM_PREFIX.length()));
		if (id > 0) {
			return id;
		}
		throw CommonErrors.notFound("No room socket at " + path + ".");
	}

	private static long since(ServerWebExchange exchange) {
		String raw = exchange.getRequest().getQueryParams().getFirst("since");
		if (raw == null) {
			return -1;
		}
		long since = Digits.parse(raw);
		if (since >= 0) {
			return since;
		}
		new FieldChecks().reject("since", "must be a non-negative integer").throwIfAny();
		return -1;
	}

}

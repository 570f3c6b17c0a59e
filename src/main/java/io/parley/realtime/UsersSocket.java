package io.parley.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.parley.room.MembershipRepository;
import io.parley.user.UserPublic;
import io.parley.user.UserRepository;

/**
 * Runs a {@code /users} socket: first {@code USERS} with the status of everyone the user
 * shares a room with, then their {@code PRESENCE} changes. (Friends join the list when
 * friendships exist.) The list is fixed when the socket opens.
 */
@Component
class UsersSocket {

	private final MembershipRepository members;

	private final UserRepository users;

	private final Presence presence;

	private final ConnectionRegistry registry;

	private final Frames frames;

	private final RealtimeProperties properties;

	UsersSocket(MembershipRepository members, UserRepository users, Presence presence, ConnectionRegistry registry,
			Frames frames, RealtimeProperties properties) {
		this.members = members;
		this.users = users;
		this.presence = presence;
		this.registry = registry;
		this.frames = frames;
		this.properties = properties;
	}

	Mono<Void> run(WebSocketSession session, Connection connection) {
		Mono<List<Long>> watched = this.members.roomMateIds(connection.userId()).cache();
		Mono<Void> start = watched.flatMap((ids) -> {
			this.presence.watch(connection, ids);
			return this.users.findAllById(ids)
				.map(UserPublic::of)
				.collectList()
				.zipWith(this.presence.online(ids))
				.doOnNext((usersAndOnline) -> {
					List<Map<String, Object>> items = usersAndOnline.getT1().stream().map((user) -> {
						Map<String, Object> item = new LinkedHashMap<>();
						item.put("user", user);
						item.put("status", usersAndOnline.getT2().contains(user.id()) ? "online" : "offline");
						return item;
					}).toList();
					connection.send(this.frames.frame("USERS", null, Map.of("items", items)));
				});
		}).then();
		SocketInput in = new SocketInput(connection, this.frames, this.properties);
		Mono<Void> input = start.thenMany(in.texts(session).concatMap((text) -> answer(connection, text, in)))
			.then()
			.doFinally((signal) -> connection.finish());
		return Mono.when(input, connection.terminated()).doFinally((signal) -> {
			watched.subscribe((ids) -> this.presence.unwatch(connection, ids));
			this.registry.remove(connection);
		});
	}

	private Mono<Void> answer(Connection connection, String text, SocketInput in) {
		try {
			if (ClientFrame.parse(this.frames.json(), text) instanceof ClientFrame.Ping) {
				in.wellFormed();
				connection.send(this.frames.frame("PONG", null, null));
				return Mono.empty();
			}
			return in.malformed(null, "/users takes only PING.", null);
		}
		catch (ClientFrame.Malformed ex) {
			return in.malformed(null, ex.getMessage(), null);
		}
	}

}

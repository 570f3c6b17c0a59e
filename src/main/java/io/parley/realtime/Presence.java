package io.parley.realtime;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.parley.realtime.bus.MessageBus;
import io.parley.room.MembershipRepository;
import io.parley.room.OnlineUsers;

/**
 * Online and offline across the cluster. When a user's first socket in the cluster opens
 * or the last closes, a PRESENCE change goes out on the bus; each instance hands it to
 * its {@code /users} sockets that watch the user and to its room sockets of rooms the
 * user is in.
 */
@Component
class Presence implements OnlineUsers, DisposableBean {

	static final String TOPIC = "presence";

	private static final Logger log = LoggerFactory.getLogger(Presence.class);

	private static final Duration REFRESH = Duration.ofSeconds(20);

	private final PresenceStore store;

	private final MessageBus bus;

	private final RoomHub hub;

	private final MembershipRepository members;

	private final Frames frames;

	private final Map<Long, Set<Connection>> watchers = new ConcurrentHashMap<>();

	private final Map<Long, Integer> local = new ConcurrentHashMap<>();

	private final Disposable.Composite tasks = Disposables.composite();

	Presence(PresenceStore store, MessageBus bus, RoomHub hub, MembershipRepository members, Frames frames) {
		this.store = store;
		this.bus = bus;
		this.hub = hub;
		this.members = members;
		this.frames = frames;
		this.tasks.add(bus.subscribe(TOPIC)
			.flatMapMany((payloads) -> payloads)
			.map(Envelope::decode)
			.concatMap((envelope) -> fanOut(envelope.actorUserId(), envelope.seq() == 1).onErrorResume((ex) -> {
				log.warn("Could not hand out a presence change: {}", ex.toString());
				return Mono.empty();
			}))
			.subscribe());
		this.tasks.add(Flux.interval(Slices.tick(REFRESH), Slices.tick(REFRESH))
			.concatMap((tick) -> store.refresh(dueForRefresh(tick)).onErrorComplete())
			.subscribe());
	}

	/** The local users whose claims are renewed at this tick (a slice of them). */
	private Set<Long> dueForRefresh(long tick) {
		return this.local.keySet()
			.stream()
			.filter((userId) -> Slices.due(userId, tick))
			.collect(Collectors.toUnmodifiableSet());
	}

	/** A socket of the user opened on this instance. */
	void opened(long userId) {
		if (this.local.merge(userId, 1, Integer::sum) == 1) {
			changed(this.store.connected(userId), userId, true);
		}
	}

	/** A socket of the user closed on this instance. */
	void closed(long userId) {
		if (this.local.compute(userId, (id, count) -> (count == null || count <= 1) ? null : count - 1) == null) {
			changed(this.store.disconnected(userId), userId, false);
		}
	}

	@Override
	public Mono<Set<Long>> online(Collection<Long> userIds) {
		return this.store.online(userIds);
	}

	/** The {@code /users} socket gets PRESENCE changes of these users. */
	void watch(Connection connection, Collection<Long> userIds) {
		for (Long userId : userIds) {
			this.watchers.computeIfAbsent(userId, (id) -> ConcurrentHashMap.newKeySet()).add(connection);
		}
	}

	void unwatch(Connection connection, Collection<Long> userIds) {
		for (Long userId : userIds) {
			this.watchers.computeIfPresent(userId, (id, set) -> {
				set.remove(connection);
				return set.isEmpty() ? null : set;
			});
		}
	}

	private void changed(Mono<Boolean> transition, long userId, boolean online) {
		transition.filter(Boolean::booleanValue)
			.flatMap((changed) -> this.bus.publish(TOPIC,
					new Envelope(Envelope.Kind.PRESENCE, online ? 1 : 0, userId, 0, new byte[0]).encode()))
			.doOnError((ex) -> log.warn("Could not record presence of user {}: {}", userId, ex.toString()))
			.onErrorComplete()
			.subscribe();
	}

	private Mono<Void> fanOut(long userId, boolean online) {
		Map<String, Object> change = Map.of("userId", userId, "status", online ? "online" : "offline");
		Set<Connection> watching = this.watchers.get(userId);
		if (watching != null) {
			byte[] frame = this.frames.frame("PRESENCE", null, change);
			watching.forEach((connection) -> connection.send(frame));
		}
		Set<Long> rooms = this.hub.activeRoomIds();
		if (rooms.isEmpty()) {
			return Mono.empty();
		}
		return this.members.roomsAmong(userId, rooms)
			.doOnNext((roomIds) -> roomIds
				.forEach((roomId) -> this.hub.deliverLocally(roomId, this.frames.frame("PRESENCE", roomId, change))))
			.then();
	}

	@Override
	public void destroy() {
		this.tasks.dispose();
	}

}

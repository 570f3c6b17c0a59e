package io.parley.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.parley.realtime.bus.MessageBus;

/**
 * Every open socket of this instance, so that a user's connections can be counted (the
 * per-user cap) and a login session's connections closed with 4401 when it ends on any
 * instance (the control topic).
 */
@Component
class ConnectionRegistry implements DisposableBean {

	static final String CONTROL_TOPIC = "control";

	private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final Map<Long, AtomicInteger> perUser = new ConcurrentHashMap<>();

	private final int maxPerUser;

	private final Disposable control;

	private final Disposable heartbeat;

	private final Presence presence;

	ConnectionRegistry(MessageBus bus, RealtimeProperties properties, Presence presence) {
		this.maxPerUser = properties.maxConnectionsPerUser();
		this.presence = presence;
		Duration every = properties.heartbeat();
		this.heartbeat = Flux.interval(Slices.tick(every), Slices.tick(every))
			.subscribe((tick) -> heartbeat(every, tick));
		this.control = bus.subscribe(CONTROL_TOPIC)
			.flatMapMany((payloads) -> payloads)
			.map(Envelope::decode)
			.filter((envelope) -> envelope.kind() == Envelope.Kind.END_SESSION)
			.subscribe((envelope) -> closeSession(envelope.seq()),
					(ex) -> log.warn("Control topic subscription failed: {}", ex.toString()));
	}

	/** The user holds as many sockets here as allowed: a new one would be refused. */
	boolean atCap(long userId) {
		AtomicInteger count = this.perUser.get(userId);
		return count != null && count.get() >= this.maxPerUser;
	}

	/** Registers the connection unless its user is at the cap. */
	boolean admit(Connection connection) {
		AtomicInteger count = this.perUser.computeIfAbsent(connection.userId(), (id) -> new AtomicInteger());
		if (count.incrementAndGet() > this.maxPerUser) {
			count.decrementAndGet();
			return false;
		}
		this.connections.add(connection);
		this.presence.opened(connection.userId());
		return true;
	}

	void remove(Connection connection) {
		if (this.connections.remove(connection)) {
			this.perUser.computeIfPresent(connection.userId(),
					(id, count) -> (count.decrementAndGet() <= 0) ? null : count);
			this.presence.closed(connection.userId());
		}
	}

	Set<Connection> all() {
		return this.connections;
	}

	/**
	 * One timer for all sockets, in slices: each round pings every socket once and drops
	 * those silent for two and a half rounds.
	 */
	private void heartbeat(Duration every, long tick) {
		Duration silence = every.multipliedBy(5).dividedBy(2);
		for (Connection connection : this.connections) {
			if (!Slices.due(connection.id(), tick)) {
				continue;
			}
			if (connection.silentFor(silence)) {
				connection.close(Connection.GOING_AWAY);
			}
			else {
				connection.ping();
			}
		}
	}

	private void closeSession(long sessionId) {
		for (Connection connection : this.connections) {
			if (connection.user().sessionId() == sessionId) {
				connection.close(Connection.CREDENTIALS_ENDED);
			}
		}
	}

	@Override
	public void destroy() {
		this.control.dispose();
		this.heartbeat.dispose();
	}

}

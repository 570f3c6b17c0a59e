package io.parley.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.parley.user.UserPublic;

/**
 * Typing indicators with server-side expiry: {@code active:false} goes out by itself when
 * {@code active:true} is not repeated within the timeout, and when the typing user's
 * socket closes.
 */
@Component
class TypingTracker {

	private final EventRelay relay;

	private final Duration timeout;

	private final Map<Key, Disposable> typing = new ConcurrentHashMap<>();

	TypingTracker(EventRelay relay, RealtimeProperties properties) {
		this.relay = relay;
		this.timeout = properties.typingTimeout();
	}

	void typing(long roomId, UserPublic user, boolean active) {
		Key key = new Key(roomId, user.id());
		Disposable expiry = active ? Mono.delay(this.timeout).subscribe((tick) -> stop(key, user)) : null;
		Disposable previous = (expiry != null) ? this.typing.put(key, expiry) : this.typing.remove(key);
		if (previous != null) {
			previous.dispose();
		}
		if (active && previous == null || !active && previous != null) {
			this.relay.typing(roomId, user, active);
		}
	}

	/** Whether {@code active} from the user would change what the room sees. */
	boolean changes(long roomId, long userId, boolean active) {
		return active != this.typing.containsKey(new Key(roomId, userId));
	}

	/** The user's socket on the room closed. */
	void gone(long roomId, UserPublic user) {
		Disposable previous = this.typing.remove(new Key(roomId, user.id()));
		if (previous != null) {
			previous.dispose();
			this.relay.typing(roomId, user, false);
		}
	}

	private void stop(Key key, UserPublic user) {
		if (this.typing.remove(key) != null) {
			this.relay.typing(key.roomId(), user, false);
		}
	}

	private record Key(long roomId, long userId) {
	}

}

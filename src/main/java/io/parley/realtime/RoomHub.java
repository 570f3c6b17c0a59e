package io.parley.realtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.parley.message.MessageService;
import io.parley.realtime.bus.MessageBus;

/**
 * This instance's room streams. A room is subscribed on the bus while it has at least one
 * local subscription (reference counted) and unsubscribed when the last leaves.
 */
@Component
class RoomHub implements DisposableBean {

	private final MessageBus bus;

	private final MessageService messages;

	private final Frames frames;

	private final Map<Long, Entry> channels = new HashMap<>();

	private final Disposable repairs;

	RoomHub(MessageBus bus, MessageService messages, Frames frames) {
		this.bus = bus;
		this.messages = messages;
		this.frames = frames;
		this.repairs = bus.reconnects().subscribe((reconnect) -> repairAll());
	}

	/** Joins the room's stream; emits the last seq delivered before the subscription. */
	Mono<Long> join(Subscription subscription) {
		RoomChannel channel;
		synchronized (this.channels) {
			Entry entry = this.channels.computeIfAbsent(subscription.roomId(),
					(roomId) -> new Entry(new RoomChannel(roomId, this.bus, this.messages, this.frames)));
			entry.references++;
			channel = entry.channel;
		}
		return channel.join(subscription);
	}

	void leave(Subscription subscription) {
		synchronized (this.channels) {
			Entry entry = this.channels.get(subscription.roomId());
			if (entry == null) {
				return;
			}
			entry.channel.leave(subscription);
			if (--entry.references == 0) {
				this.channels.remove(subscription.roomId());
				entry.channel.dispose();
			}
		}
	}

	/** The rooms with a stream on this instance. */
	Set<Long> activeRoomIds() {
		synchronized (this.channels) {
			return Set.copyOf(this.channels.keySet());
		}
	}

	/** Hands a frame to the local subscriptions of a room, if it has a stream here. */
	void deliverLocally(long roomId, byte[] frame) {
		RoomChannel channel;
		synchronized (this.channels) {
			Entry entry = this.channels.get(roomId);
			channel = (entry != null) ? entry.channel : null;
		}
		if (channel != null) {
			channel.deliverLocally(frame);
		}
	}

	int activeRooms() {
		synchronized (this.channels) {
			return this.channels.size();
		}
	}

	private void repairAll() {
		synchronized (this.channels) {
			this.channels.values().forEach((entry) -> entry.channel.repair());
		}
	}

	@Override
	public void destroy() {
		this.repairs.dispose();
		synchronized (this.channels) {
			this.channels.values().forEach((entry) -> entry.channel.dispose());
			this.channels.clear();
		}
	}

	private static final class Entry {

		private final RoomChannel channel;

		private int references;

		Entry(RoomChannel channel) {
			this.channel = channel;
		}

	}

}

package io.parley.message;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import io.parley.room.Role;
import io.parley.room.RoomAccess;
import io.parley.room.RoomErrors;
import io.parley.web.CommonErrors;
import io.parley.web.ParleyException;

/**
 * The rules of messages: only members send, read and see history; a client message id
 * makes a send idempotent; only the sender edits; the sender, an admin or the owner
 * deletes. Every change is published as an event once it is stored.
 */
@Service
public class MessageService {

	private final MessageRepository messages;

	private final RoomAccess access;

	private final SendRateLimiter rateLimiter;

	private final MessageWriter writer;

	private final ApplicationEventPublisher events;

	MessageService(MessageRepository messages, RoomAccess access, SendRateLimiter rateLimiter, MessageWriter writer,
			ApplicationEventPublisher events) {
		this.writer = writer;
		this.messages = messages;
		this.access = access;
		this.rateLimiter = rateLimiter;
		this.events = events;
	}

	/**
	 * Stores a message and publishes {@link MessagePosted}; a repeated client message id
	 * answers the first message instead ({@link Sent#duplicate()}), storing and
	 * publishing nothing. Storing comes first: the insert itself checks membership, and
	 * only a refused insert asks why (404 or 403).
	 * @param origin the sending connection's id, or 0 when it came over REST
	 */
	public Mono<Sent> send(long roomId, long senderId, NewMessage message, long origin) {
		return Mono.defer(() -> {
			if (message.attachmentId() != null) {
				return this.access.requireMember(roomId, senderId).then(Mono.error(MessageErrors.attachmentNotFound()));
			}
			Duration wait = this.rateLimiter.acquire(senderId, roomId).orElse(null);
			if (wait != null) {
				return Mono.error(CommonErrors.rateLimited(wait));
			}
			return this.writer.write(roomId, senderId, message.content(), message.clientMessageId(), origin)
				// shed (the writer's only rate_limited): it did not count as a send
				.doOnError(MessageService::isRateLimited, (ex) -> this.rateLimiter.release(senderId, roomId))
				.map((stored) -> new Sent(stored, false))
				.onErrorResume(DataIntegrityViolationException.class,
						(ex) -> (message.clientMessageId() != null)
								? this.messages.findByClientId(roomId, senderId, message.clientMessageId())
									.map((found) -> new Sent(found, true))
								: Mono.error(ex))
				.switchIfEmpty(Mono
					.defer(() -> this.access.requireMember(roomId, senderId).then(Mono.error(RoomErrors.notAMember()))))
				.doOnNext((sent) -> {
					if (!sent.duplicate()) {
						this.events.publishEvent(new MessagePosted(sent.message(), origin));
					}
				});
		});
	}

	/**
	 * A page of history: newest first below {@code before}, or oldest first above
	 * {@code after}.
	 */
	public Mono<List<Message>> history(long roomId, long userId, @Nullable Long before, @Nullable Long after,
			int limit) {
		Flux<Message> page = (after != null) ? this.messages.after(roomId, userId, after, limit)
				: this.messages.before(roomId, userId, (before != null) ? before : Long.MAX_VALUE, limit);
		// a page only members can read: an empty one is either a quiet room or no access
		return page.collectList()
			.flatMap((messages) -> messages.isEmpty() ? this.access.requireMember(roomId, userId).thenReturn(messages)
					: Mono.just(messages));
	}

	/**
	 * Messages {@code fromSeq}..{@code toSeq} of a room, in order (no access check:
	 * callers have done it).
	 */
	public Flux<Message> range(long roomId, long fromSeq, long toSeq) {
		return this.messages.range(roomId, fromSeq, toSeq);
	}

	/**
	 * Seqs {@code from} to {@code to} inclusive, as they were posted: each with the
	 * connection it came from, for a room stream that fills a gap from the database.
	 */
	public Flux<MessagePosted> posted(long roomId, long fromSeq, long toSeq) {
		return this.messages.posted(roomId, fromSeq, toSeq);
	}

	/** The room's newest seq (0 for none; empty for no such room). */
	public Mono<Long> lastSeq(long roomId) {
		return this.messages.lastSeq(roomId);
	}

	public Mono<Message> edit(long roomId, long messageId, long userId, String content) {
		return this.access.requireMember(roomId, userId)
			.then(this.messages.findById(roomId, messageId))
			.filter((message) -> !message.deleted())
			.switchIfEmpty(Mono.error(() -> MessageErrors.messageNotFound(messageId)))
			.flatMap((message) -> (message.sender().id() == userId)
					? this.messages.editContent(roomId, messageId, content)
					: Mono.error(CommonErrors.forbidden("Only the sender can edit a message.")))
			.switchIfEmpty(Mono.error(() -> MessageErrors.messageNotFound(messageId)))
			.doOnNext((edited) -> this.events.publishEvent(new MessageEdited(edited)));
	}

	public Mono<Void> delete(long roomId, long messageId, long userId) {
		return this.access.requireMember(roomId, userId)
			.flatMap((member) -> this.messages.findById(roomId, messageId)
				.filter((message) -> !message.deleted())
				.switchIfEmpty(Mono.error(() -> MessageErrors.messageNotFound(messageId)))
				.flatMap(
						(message) -> (message.sender().id() == userId || member.membership().role().atLeast(Role.ADMIN))
								? this.messages.markDeleted(roomId, messageId)
								: Mono.error(CommonErrors
									.forbidden("Only the sender, an admin or the owner can delete a message."))))
			.doOnNext((deleted) -> this.events.publishEvent(new MessageDeleted(roomId, messageId, deleted.seq())))
			.then();
	}

	/** Moves the read marker forward; publishes {@link ReadMarkerMoved} when it moved. */
	public Mono<Void> markRead(long roomId, long userId, long seq, long origin) {
		return this.access.requireMember(roomId, userId)
			.then(this.messages.moveReadMarker(roomId, userId, seq))
			.doOnNext((moved) -> this.events.publishEvent(new ReadMarkerMoved(roomId, userId, moved, origin)))
			.then();
	}

	Mono<List<MessageRepository.Receipt>> receipts(long roomId, long userId) {
		return this.access.requireMember(roomId, userId).thenMany(this.messages.receipts(roomId)).collectList();
	}

	private static boolean isRateLimited(Throwable ex) {
		return ex instanceof ParleyException refusal && "rate_limited".equals(refusal.code());
	}

	/** What a client sends. */
	public record NewMessage(String content, @Nullable String clientMessageId, @Nullable Long attachmentId) {
	}

	/**
	 * The stored message, and whether it was stored before under the same client message
	 * id.
	 */
	public record Sent(Message message, boolean duplicate) {
	}

}

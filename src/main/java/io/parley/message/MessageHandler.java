package io.parley.message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.parley.web.CurrentUser;
import io.parley.web.Digits;
import io.parley.web.FieldChecks;
import io.parley.web.PathIds;
import io.parley.web.RequestBodies;

/**
 * HTTP adapter for {@code /api/rooms/{id}/messages}, {@code /read} and {@code /receipts}.
 */
@Component
class MessageHandler {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 100;

	private final MessageService messages;

	MessageHandler(MessageService messages) {
		this.messages = messages;
	}

	Mono<ServerResponse> history(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		FieldChecks checks = new FieldChecks();
		Long before = seqParam(request, "before", checks);
		Long after = seqParam(request, "after", checks);
		checks.check(before == null || after == null, "before", "use either before or after, not both");
		Long limitParam = seqParam(request, "limit", checks);
		// as on every other list: a positive integer, clamped to MAX_LIMIT
		checks.check(limitParam == null || limitParam > 0, "limit", "must be a positive integer");
		checks.throwIfAny();
		int limit = (int) Math.min(MAX_LIMIT, (limitParam != null) ? limitParam : DEFAULT_LIMIT);
		return CurrentUser.of(request)
			.flatMap((caller) -> this.messages.history(roomId, caller.userId(), before, after, limit + 1))
			.flatMap((page) -> {
				boolean more = page.size() > limit;
				List<Message> items = more ? page.subList(0, limit) : page;
				Map<String, Object> body = new HashMap<>();
				body.put("items", items);
				body.put("nextCursor", more ? Long.toString(items.get(items.size() - 1).seq()) : null);
				return ServerResponse.ok().bodyValue(body);
			});
	}

	Mono<ServerResponse> send(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		return CurrentUser.of(request)
			.zipWith(RequestBodies.read(request, SendBody.class))
			.flatMap((both) -> this.messages.send(roomId, both.getT1().userId(),
					NewMessages.checked(both.getT2().content(), both.getT2().clientMessageId(),
							both.getT2().attachmentId()),
					0))
			.flatMap((sent) -> ServerResponse.status(sent.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
				.bodyValue(sent.message()));
	}

	Mono<ServerResponse> edit(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		long messageId = PathIds.of(request, "messageId");
		return CurrentUser.of(request)
			.zipWith(RequestBodies.read(request, EditBody.class))
			.flatMap((both) -> this.messages.edit(roomId, messageId, both.getT1().userId(),
					NewMessages.checkedContent(both.getT2().content())))
			.flatMap((edited) -> ServerResponse.ok().bodyValue(edited));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		long messageId = PathIds.of(request, "messageId");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.messages.delete(roomId, messageId, caller.userId()))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> read(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		return CurrentUser.of(request).zipWith(RequestBodies.read(request, ReadBody.class)).flatMap((both) -> {
			Long seq = both.getT2().seq();
			new FieldChecks().check(seq != null && seq >= 0, "seq", "must be a seq of this room").throwIfAny();
			return this.messages.markRead(roomId, both.getT1().userId(), seq, 0);
		}).then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> receipts(ServerRequest request) {
		long roomId = PathIds.of(request, "id");
		return CurrentUser.of(request)
			.flatMap((caller) -> this.messages.receipts(roomId, caller.userId()))
			.flatMap((items) -> ServerResponse.ok().bodyValue(Map.of("items", items)));
	}

	private static @Nullable Long seqParam(ServerRequest request, String name, FieldChecks checks) {
		String raw = request.queryParam(name).orElse(null);
		if (raw == null) {
			return null;
		}
		long value = Digits.parse(raw);
		if (value >= 0) {
			return value;
		}
		checks.reject(name, "must be a non-negative integer");
		return null;
	}

	record SendBody(@Nullable String content, @Nullable String clientMessageId, @Nullable Long attachmentId) {
	}

	record EditBody(@Nullable String content) {
	}

	record ReadBody(@Nullable Long seq) {
	}

}

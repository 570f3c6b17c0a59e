package io.parley.web;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * One page of a list, in the API's list shape: {@code {"items":[...],"nextCursor"}}.
 * {@code nextCursor} is null on the last page, so a client never fetches an empty one.
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

	/** The page size when the client names none. */
	public static final int DEFAULT_LIMIT = 50;

	/** Larger requested sizes are clamped to this, not refused. */
	public static final int MAX_LIMIT = 100;

	/**
	 * The {@code limit} query parameter: 50 when absent, clamped to 100; anything but a
	 * positive integer is {@code validation_failed}.
	 */
	public static int limit(ServerRequest request) {
		String raw = request.queryParam("limit").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return DEFAULT_LIMIT;
		}
		long limit = Digits.parse(raw);
		if (limit > 0) {
			return (int) Math.min(limit, MAX_LIMIT);
		}
		throw new CommonErrors.ValidationFailed(List.of(new FieldError("limit", "must be a positive integer")));
	}

	/**
	 * The page of {@code rows}, fetched with one row more than {@code limit}: that extra
	 * row only says another page exists, and the cursor names the last row kept.
	 */
	public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> item, Function<R, String> cursor) {
		List<R> kept = (rows.size() > limit) ? rows.subList(0, limit) : rows;
		String next = (rows.size() > limit) ? cursor.apply(kept.get(kept.size() - 1)) : null;
		return new Page<>(kept.stream().map(item).toList(), next);
	}

}

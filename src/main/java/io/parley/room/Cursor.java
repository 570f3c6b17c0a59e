package io.parley.room;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;

import io.parley.web.CommonErrors;
import io.parley.web.Digits;
import io.parley.web.FieldError;
import io.parley.web.Text;

/**
 * An opaque keyset cursor: the sort key of the last row of a page. Clients pass it back
 * unchanged; one that was not made here is {@code validation_failed} on {@code cursor}.
 */
record Cursor(List<String> parts) {

	private static final String SEPARATOR = "|";

	static String of(Object... parts) {
		String joined = String.join(SEPARATOR, Arrays.stream(parts).map(String::valueOf).toList());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
	}

	/** The {@code cursor} query parameter, null when absent. */
	static @Nullable Cursor from(ServerRequest request, int size) {
		return parse(request.queryParam("cursor").orElse(null), size);
	}

	/**
	 * The cursor in {@code raw}, null when absent; it must be UTF-8 without control
	 * characters and have {@code size} parts.
	 */
	static @Nullable Cursor parse(@Nullable String raw, int size) {
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		try {
			String joined = StandardCharsets.UTF_8.newDecoder()
				.decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(raw)))
				.toString();
			List<String> parts = List.of(joined.split("\\|", -1));
			if (parts.size() == size && Text.plain(joined)) {
				return new Cursor(parts);
			}
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			// reported below
		}
		throw invalid();
	}

	String text(int index) {
		return this.parts.get(index);
	}

	/** A part that must be a room slug. */
	String slug(int index) {
		String slug = this.parts.get(index);
		if (!Slugs.VALID.matcher(slug).matches()) {
			throw invalid();
		}
		return slug;
	}

	long id(int index) {
		long id = Digits.parse(this.parts.get(index));
		if (id < 0) {
			throw invalid();
		}
		return id;
	}

	Instant instant(int index) {
		try {
			return Instant.parse(this.parts.get(index));
		}
		catch (RuntimeException ex) {
			throw invalid();
		}
	}

	private static RuntimeException invalid() {
		return new CommonErrors.ValidationFailed(
				List.of(new FieldError("cursor", "is not a cursor this list gave out")));
	}

}

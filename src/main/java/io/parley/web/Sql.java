package io.parley.web;

import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Small helpers for {@link org.springframework.r2dbc.core.DatabaseClient} statements.
 */
public final class Sql {

	private Sql() {
	}

	/** Binds {@code value}, or a typed SQL NULL when it is absent. */
	public static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, @Nullable T value,
			Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

}

package io.parley.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * Columns of one table selected under a prefix, so that a statement joining two tables
 * whose columns share names ({@code id}, {@code kind}, {@code created_at}, ...) returns
 * both; each table's own row mapper then reads its columns by their plain names, the
 * prefixed ones through {@link #columnsOf(Readable)}.
 */
public final class ColumnPrefix {

	private final String prefix;

	public ColumnPrefix(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * The select list {@code columns} (such as {@code "m.id, u.username"}: qualified
	 * column names, comma-separated) with every column renamed to carry the prefix.
	 */
	public String select(String columns) {
		return Arrays.stream(columns.split(","))
			.map(String::trim)
			.map((column) -> column + " AS " + this.prefix + column.substring(column.indexOf('.') + 1))
			.collect(Collectors.joining(", "));
	}

	/** The prefixed columns of {@code row}, read by their plain names. */
	public Readable columnsOf(Readable row) {
		return new Readable() {

			@Override
			public <T> @Nullable T get(String name, Class<T> type) {
				return row.get(ColumnPrefix.this.prefix + name, type);
			}

			@Override
			public <T> @Nullable T get(int index, Class<T> type) {
				throw new UnsupportedOperationException("prefixed columns are read by name");
			}

		};
	}

}

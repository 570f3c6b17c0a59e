package io.parley.room;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Keyset pages: a query continues after the sort key of the previous page's last row, so
 * a page is a range read however deep it lies (no {@code OFFSET}).
 */
final class Keyset {

	private Keyset() {
	}

	/**
	 * {@code query} (which ends in a {@code WHERE} clause) narrowed to rows whose
	 * {@code key} (such as {@code (created_at, id) <}) compares with the values in
	 * {@code after}, ordered by {@code orderBy} and cut at {@code rows}.
	 */
	static GenericExecuteSpec page(DatabaseClient db, String query, String key, String orderBy, @Nullable List<?> after,
			int rows) {
		return bind(db.sql(sql(query, key, orderBy, after)), after, rows);
	}

	/**
	 * As {@link #page(DatabaseClient, String, String, String, List, int)}, the page then
	 * embedded by {@code around} (which adds to its rows, say by joins, but keeps them
	 * all) and ordered again by {@code orderBy}, which must therefore name the page's
	 * output columns, unqualified. Whatever {@code around} adds is computed for the rows
	 * of the page only.
	 */
	static GenericExecuteSpec page(DatabaseClient db, UnaryOperator<String> around, String query, String key,
			String orderBy, @Nullable List<?> after, int rows) {
		return bind(db.sql(around.apply(sql(query, key, orderBy, after)) + " ORDER BY " + orderBy), after, rows);
	}

	private static String sql(String query, String key, String orderBy, @Nullable List<?> after) {
		String sql = query;
		if (after != null) {
			sql += " AND " + key + " ("
					+ IntStream.range(0, after.size()).mapToObj((i) -> ":after" + i).collect(Collectors.joining(", "))
					+ ")";
		}
		return sql + " ORDER BY " + orderBy + " LIMIT :rows";
	}

	private static GenericExecuteSpec bind(GenericExecuteSpec statement, @Nullable List<?> after, int rows) {
		GenericExecuteSpec spec = statement.bind("rows", rows);
		for (int i = 0; (after != null) && i < after.size(); i++) {
			spec = spec.bind("after" + i, after.get(i));
		}
		return spec;
	}

}

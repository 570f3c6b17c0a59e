package io.parley.room;

import java.util.List;
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
		String sql = query;
		if (after != null) {
			sql += " AND " + key + " ("
					+ IntStream.range(0, after.size()).mapToObj((i) -> ":after" + i).collect(Collectors.joining(", "))
					+ ")";
		}
		GenericExecuteSpec spec = db.sql(sql + " ORDER BY " + orderBy + " LIMIT :rows").bind("rows", rows);
		for (int i = 0; (after != null) && i < after.size(); i++) {
			spec = spec.bind("after" + i, after.get(i));
		}
		return spec;
	}

}

package io.fidelis.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One {@code INSERT INTO t (a, b) VALUES (?, ?), (?, ?), ...} for many rows: what batch intake writes set-based, a
 * statement per table rather than one per event. Rows go in chunks of {@value #ROWS_PER_STATEMENT}, far below the
 * parameter limits of the drivers.
 */
public final class MultiRowInsert {

	private static final int ROWS_PER_STATEMENT = 500;

	private final String table;
	private final List<String> columns;
	private final String suffix;
	private final List<List<Object>> rows = new ArrayList<>();

	private MultiRowInsert(String table, List<String> columns, String suffix) {
		this.table = table;
		this.columns = columns;
		this.suffix = suffix;
	}

	public static MultiRowInsert into(String table, String... columns) {
		return new MultiRowInsert(table, List.of(columns), "");
	}

	/** The same insert, ending with {@code suffix} ({@code ON CONFLICT DO NOTHING}). */
	public MultiRowInsert then(String suffix) {
		return new MultiRowInsert(table, columns, " " + suffix);
	}

	/** A row, its values in the order of the columns; nulls are fine. */
	public MultiRowInsert row(Object... values) {
		if (values.length != columns.size()) {
			throw new IllegalArgumentException(table + " has " + columns.size() + " columns, not " + values.length);
		}
		rows.add(Arrays.asList(values));
		return this;
	}

	public boolean isEmpty() {
		return rows.isEmpty();
	}

	/** @return the rows inserted */
	public int execute(JdbcClient jdbc) {
		int inserted = 0;
		for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
			List<List<Object>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
			String placeholders = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
			String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
					+ String.join(", ", Collections.nCopies(chunk.size(), placeholders)) + suffix;
			List<Object> params = new ArrayList<>(chunk.size() * columns.size());
			chunk.forEach(params::addAll);
			inserted += jdbc.sql(sql).params(params).update();
		}
		return inserted;
	}
}

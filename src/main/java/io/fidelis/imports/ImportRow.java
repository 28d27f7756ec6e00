package io.fidelis.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record of an import file, its fields named by the header's columns. Fields are trimmed; an empty field is no
 * value.
 */
record ImportRow(int line, Map<String, String> values) {

	/** What an export puts before text that a spreadsheet would take for a formula ({@code +33...}, {@code =...}). */
	private static final String FORMULA_STARTS = "=+-@\t\r";

	/**
	 * The field of this column, trimmed, without the apostrophe an export puts before a field a spreadsheet would
	 * take for a formula; null if the column is absent or the field empty.
	 */
	String get(String column) {
		String value = values.get(column);
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.length() > 1 && trimmed.charAt(0) == '\'' && FORMULA_STARTS.indexOf(trimmed.charAt(1)) >= 0) {
			trimmed = trimmed.substring(1);
		}
		return trimmed.isEmpty() ? null : trimmed;
	}

	/**
	 * The record under the header's column names; a record with more or fewer fields than the header is refused as a
	 * whole, since its fields cannot be told apart.
	 */
	static ImportRow of(List<String> columns, CsvReader.Row row) {
		if (row.fields().size() != columns.size()) {
			throw new RowRefused(null, "has " + row.fields().size() + " fields where the header has "
					+ columns.size() + " columns");
		}
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			values.put(columns.get(i), row.fields().get(i));
		}
		return new ImportRow(row.line(), values);
	}

	/** Collects the problems of a row's fields, to refuse it with all of them at once. */
	static final class Problems {

		private final List<RowError> errors = new ArrayList<>();

		void add(String column, String message) {
			errors.add(new RowError(column, message));
		}

		void throwIfAny() {
			if (!errors.isEmpty()) {
				throw new RowRefused(errors);
			}
		}
	}
}

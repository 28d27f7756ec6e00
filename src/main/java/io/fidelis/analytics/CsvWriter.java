package io.fidelis.analytics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes CSV by RFC 4180 (comma separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line
 * break, quotes doubled), as UTF-8 with a byte order mark, so that spreadsheets read accented names right.
 * <p>
 * Sanity: a text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is
 * prefixed with {@code '}, so that a spreadsheet shows it rather than runs it as a formula (CSV injection: a member
 * named {@code =HYPERLINK(...)}). Numbers the service computed are written as they are.
 */
final class CsvWriter {

	private static final String FORMULA_STARTS = "=+-@\t\r";

	private final Writer out;
	private final List<String> row = new ArrayList<>();

	CsvWriter(OutputStream stream) throws IOException {
		this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
		out.write('\uFEFF');
	}

	/** A cell of text from outside (a name, an identifier): guarded against formulas; null is an empty cell. */
	CsvWriter text(String value) {
		row.add(value == null ? "" : guarded(value));
		return this;
	}

	/** A cell the service wrote itself: a number, a time, a code. */
	CsvWriter value(Object value) {
		row.add(value == null ? "" : value.toString());
		return this;
	}

	/** Ends the row. */
	void endRow() throws IOException {
		for (int i = 0; i < row.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(quoted(row.get(i)));
		}
		out.write("\r\n");
		row.clear();
	}

	/** Writes a row of these cells of text: a header. */
	void header(List<String> names) throws IOException {
		names.forEach(this::text);
		endRow();
	}

	void flush() throws IOException {
		out.flush();
	}

	static String guarded(String value) {
		return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
	}

	static String quoted(String cell) {
		boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
				|| cell.indexOf('\r') >= 0;
		return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
	}
}

package io.fidelis.imports;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV text by the rules of RFC 4180: records end at CRLF, LF or CR; fields are separated by a comma or, if the
 * header has semicolons and no comma, by a semicolon (as spreadsheets write CSV in French); a field in double quotes
 * may hold separators, line breaks and doubled quotes ({@code ""} for one). Blank lines are passed over. Each record
 * keeps the line of the file it starts on, which is how errors name it.
 * <p>
 * What cannot be read as CSV at all (an unclosed quote, text after a closing quote, a quote inside an unquoted field)
 * makes the whole file unreadable: there is then no telling where the next record starts.
 */
final class CsvReader {

	private static final char QUOTE = '"';
	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private CsvReader() {
	}

	/** A record of the file and the line it starts on (the header is line 1, unless blank lines come first). */
	record Row(int line, List<String> fields) {
	}

	/** The header's names as written and the records after it. */
	record Table(char separator, List<String> header, List<Row> rows) {
	}

	/** The file is not CSV; {@code line} is where reading stopped. */
	static final class Unreadable extends RuntimeException {

		private final int line;

		Unreadable(int line, String message) {
			super(message);
			this.line = line;
		}

		int line() {
			return line;
		}
	}

	/**
	 * UTF-8 text from bytes, without a byte order mark: bytes that are not UTF-8, or a NUL character (no text file has
	 * one, and PostgreSQL cannot store it), make it {@link Unreadable}.
	 */
	static String decode(byte[] bytes) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException notUtf8) {
			throw new Unreadable(lineAt(bytes), "is not UTF-8 text; save the file as CSV UTF-8");
		}
		int nul = text.indexOf('\0');
		if (nul >= 0) {
			throw new Unreadable(lineOf(text, nul), "contains a NUL character: it is not a text file");
		}
		return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
	}

	/** The header and the records of the text; {@link Unreadable} if it has no header or is not CSV. */
	static Table read(String text) {
		List<Row> records = new Parser(text, separator(text)).records();
		if (records.isEmpty()) {
			throw new Unreadable(1, "is empty: a header row naming the columns is required");
		}
		return new Table(separator(text), records.get(0).fields(), records.subList(1, records.size()));
	}

	/** A semicolon if the first line has one and no comma; a comma otherwise. */
	private static char separator(String text) {
		int end = text.indexOf('\n');
		String first = end < 0 ? text : text.substring(0, end);
		return first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
	}

	private static final class Parser {

		private final String text;
		private final char separator;
		private int position;
		private int line = 1;

		Parser(String text, char separator) {
			this.text = text;
			this.separator = separator;
		}

		List<Row> records() {
			List<Row> records = new ArrayList<>();
			while (position < text.length()) {
				if (atLineEnd()) {
					skipLineEnd();
					continue;
				}
				int start = line;
				records.add(new Row(start, record()));
			}
			return records;
		}

		/** One record, from a field's start to the end of its line or of the text. */
		private List<String> record() {
			List<String> fields = new ArrayList<>();
			while (true) {
				fields.add(text.charAt(position) == QUOTE ? quoted() : unquoted());
				if (position >= text.length()) {
					return fields;
				}
				if (atLineEnd()) {
					skipLineEnd();
					return fields;
				}
				position++; // the separator
				if (position >= text.length()) {
					fields.add("");
					return fields;
				}
			}
		}

		private String unquoted() {
			int start = position;
			while (position < text.length() && text.charAt(position) != separator && !atLineEnd()) {
				if (text.charAt(position) == QUOTE) {
					throw new Unreadable(line, "has a quote inside a field that does not start with one; put the field "
							+ "in quotes and double the quotes inside it");
				}
				position++;
			}
			return text.substring(start, position);
		}

		private String quoted() {
			int startLine = line;
			StringBuilder field = new StringBuilder();
			position++;
			while (true) {
				if (position >= text.length()) {
					throw new Unreadable(startLine, "has a quoted field that is never closed");
				}
				char c = text.charAt(position);
				if (c == QUOTE) {
					if (position + 1 < text.length() && text.charAt(position + 1) == QUOTE) {
						field.append(QUOTE);
						position += 2;
						continue;
					}
					position++;
					if (position < text.length() && text.charAt(position) != separator && !atLineEnd()) {
						throw new Unreadable(line, "has text after the closing quote of a field");
					}
					return field.toString();
				}
				if (c == '\n' || (c == '\r' && !(position + 1 < text.length() && text.charAt(position + 1) == '\n'))) {
					line++;
				}
				field.append(c);
				position++;
			}
		}

		private boolean atLineEnd() {
			char c = text.charAt(position);
			return c == '\n' || c == '\r';
		}

		private void skipLineEnd() {
			if (text.charAt(position) == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n') {
				position++;
			}
			position++;
			line++;
		}
	}

	private static int lineAt(byte[] bytes) {
		// The first byte the decoder refused: the line count of what precedes the first invalid sequence.
		int line = 1;
		int i = 0;
		while (i < bytes.length) {
			int b = bytes[i] & 0xFF;
			int length = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0;
			if (length == 0 || i + length > bytes.length) {
				return line;
			}
			for (int k = 1; k < length; k++) {
				if ((bytes[i + k] & 0xC0) != 0x80) {
					return line;
				}
			}
			if (b == '\n') {
				line++;
			}
			i += length;
		}
		return line;
	}

	private static int lineOf(String text, int index) {
		int line = 1;
		for (int i = 0; i < index; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}
}

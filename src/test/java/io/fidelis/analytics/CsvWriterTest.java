package io.fidelis.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

	@Test
	void writesRfc4180WithAByteOrderMarkAndCrlf() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CsvWriter csv = new CsvWriter(bytes);

		csv.header(List.of("name", "note"));
		csv.text("Hélène, \"Léna\"").text("two\nlines").endRow();
		csv.text(null).value(-19).endRow();
		csv.flush();

		assertThat(bytes.toString(StandardCharsets.UTF_8))
			.isEqualTo("\uFEFFname,note\r\n\"Hélène, \"\"Léna\"\"\",\"two\nlines\"\r\n,-19\r\n");
	}

	@Test
	void prefixesTextThatASpreadsheetWouldRunAsAFormula() {
		assertThat(List.of("=HYPERLINK(\"x\")", "+33612345678", "-2", "@SUM(A1)", "\tx", "a=b", "'quoted"))
			.map(CsvWriter::guarded)
			.containsExactly("'=HYPERLINK(\"x\")", "'+33612345678", "'-2", "'@SUM(A1)", "'\tx", "a=b", "'quoted");
	}
}

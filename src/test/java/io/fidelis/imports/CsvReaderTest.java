package io.fidelis.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

	@Test
	void readsTheHeaderAndTheRecordsWithTheLineEachStartsOn() {
		CsvReader.Table table = CsvReader.read("a,b\r\n1,2\r\n\r\n3,4\n");

		assertThat(table.header()).containsExactly("a", "b");
		assertThat(table.rows()).containsExactly(new CsvReader.Row(2, List.of("1", "2")),
				new CsvReader.Row(4, List.of("3", "4")));
	}

	@Test
	void readsQuotedFieldsWithSeparatorsLineBreaksAndDoubledQuotes() {
		CsvReader.Table table = CsvReader.read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,\"\",z");

		assertThat(table.rows()).containsExactly(new CsvReader.Row(2, List.of("x, y", "say \"hi\"", "two\nlines")),
				new CsvReader.Row(4, List.of("next", "", "z")));
	}

	@Test
	void keepsEmptyFieldsIncludingATrailingOne() {
		assertThat(CsvReader.read("a,b,c\n,,\n1,2,").rows()).extracting(CsvReader.Row::fields)
			.containsExactly(List.of("", "", ""), List.of("1", "2", ""));
	}

	@Test
	void readsSemicolonsWhenTheHeaderHasNoComma() {
		CsvReader.Table table = CsvReader.read("a;b\n\"1,5\";2\n");

		assertThat(table.separator()).isEqualTo(';');
		assertThat(table.rows().get(0).fields()).containsExactly("1,5", "2");
	}

	@Test
	void readsOldMacLineEnds() {
		assertThat(CsvReader.read("a\r1\r2").rows()).extracting(CsvReader.Row::line).containsExactly(2, 3);
	}

	@Test
	void refusesAQuotedFieldNeverClosedNamingTheLineItStartsOn() {
		assertThatThrownBy(() -> CsvReader.read("a,b\n1,2\n3,\"open\n4,5\n"))
			.isInstanceOfSatisfying(CsvReader.Unreadable.class, unreadable -> assertThat(unreadable.line()).isEqualTo(3))
			.hasMessageContaining("never closed");
	}

	@Test
	void refusesTextAfterAClosingQuote() {
		assertThatThrownBy(() -> CsvReader.read("a,b\n\"1\"x,2\n")).isInstanceOf(CsvReader.Unreadable.class)
			.hasMessageContaining("after the closing quote");
	}

	@Test
	void refusesAQuoteInsideAnUnquotedField() {
		assertThatThrownBy(() -> CsvReader.read("a,b\n1,2\"3\n")).isInstanceOfSatisfying(CsvReader.Unreadable.class,
				unreadable -> assertThat(unreadable.line()).isEqualTo(2));
	}

	@Test
	void refusesAnEmptyFile() {
		assertThatThrownBy(() -> CsvReader.read("\n\n")).isInstanceOf(CsvReader.Unreadable.class)
			.hasMessageContaining("header");
	}

	@Test
	void decodesUtf8WithoutItsByteOrderMark() {
		byte[] bytes = "\uFEFFnom\nHélène".getBytes(StandardCharsets.UTF_8);

		assertThat(CsvReader.decode(bytes)).isEqualTo("nom\nHélène");
	}

	@Test
	void refusesBytesThatAreNotUtf8NamingTheLine() {
		byte[] latin1 = "name\nok\nHélène".getBytes(StandardCharsets.ISO_8859_1);

		assertThatThrownBy(() -> CsvReader.decode(latin1)).isInstanceOfSatisfying(CsvReader.Unreadable.class,
				unreadable -> assertThat(unreadable.line()).isEqualTo(3))
			.hasMessageContaining("UTF-8");
	}

	@Test
	void refusesNulCharacters() {
		assertThatThrownBy(() -> CsvReader.decode("a\n\0".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(CsvReader.Unreadable.class)
			.hasMessageContaining("NUL");
	}
}

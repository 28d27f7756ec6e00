package io.fidelis.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "4006381333931", "5901234123457", "9780306406157", "4012345678901", "2900000000001", "0000000000000" })
	void acceptsKnownEan13Codes(String code) {
		assertThat(CardNumbers.isValid(code)).isTrue();
		assertThat(CardNumbers.checkDigit(code.substring(0, 12))).isEqualTo(code.charAt(12) - '0');
	}

	@Test
	void computesTheCheckDigitOfKnownCodes() {
		assertThat(CardNumbers.checkDigit("400638133393")).isEqualTo(1);
		assertThat(CardNumbers.checkDigit("590123412345")).isEqualTo(7);
		assertThat(CardNumbers.checkDigit("978030640615")).isEqualTo(7);
		assertThat(CardNumbers.checkDigit("000000000000")).isZero();
	}

	@Test
	void rejectsEveryCodeWithOneDigitChanged() {
		String valid = "4006381333931";
		for (int position = 0; position < 13; position++) {
			for (char digit = '0'; digit <= '9'; digit++) {
				if (digit == valid.charAt(position)) {
					continue;
				}
				String changed = valid.substring(0, position) + digit + valid.substring(position + 1);
				assertThat(CardNumbers.isValid(changed)).as(changed).isFalse();
			}
		}
	}

	@Test
	void rejectsAdjacentDigitsSwappedWhenTheyDifferByOtherThanFive() {
		assertThat(CardNumbers.isValid("4006381333913")).isFalse();
		assertThat(CardNumbers.isValid("0406381333931")).isFalse();
	}

	@ParameterizedTest(name = "\"{0}\"")
	@NullAndEmptySource
	@ValueSource(strings = { "400638133393", "40063813339310", "400638133393a", "4006381333 93", " 4006381333931",
			"-400638133393" })
	void rejectsAnythingButThirteenDigits(String candidate) {
		assertThat(CardNumbers.isValid(candidate)).isFalse();
	}

	/** Character.isDigit accepts other scripts' digits; an EAN-13 barcode holds only 0-9. */
	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "400638133393\u0661",
			"\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u06604",
			"\u0968\u096F\u0966\u0966\u0966\u0966\u0966\u0966\u0966\u0966\u0966\u09669",
			"\uff14\uff10\uff10\uff16\uff13\uff18\uff11\uff13\uff13\uff13\uff19\uff13\uff11" })
	void rejectsDigitsOtherThanAsciiZeroToNine(String candidate) {
		assertThat(CardNumbers.isValid(candidate)).isFalse();
	}

	@Test
	void generatesValidNumbersInPrefix29() {
		for (int i = 0; i < 10_000; i++) {
			String cardNumber = CardNumbers.next();

			assertThat(cardNumber).hasSize(13).startsWith("29").matches("[0-9]{13}");
			assertThat(CardNumbers.isValid(cardNumber)).as(cardNumber).isTrue();
		}
	}

	@Test
	void generatesDifferentNumbers() {
		Set<String> numbers = new HashSet<>();
		for (int i = 0; i < 1_000; i++) {
			numbers.add(CardNumbers.next());
		}

		assertThat(numbers).hasSizeGreaterThan(990);
	}
}

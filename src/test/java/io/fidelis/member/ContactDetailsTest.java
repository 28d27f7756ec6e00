package io.fidelis.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactDetailsTest {

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			ada@example.com            | ada@example.com
			Ada.Lovelace@Example.COM   | ada.lovelace@example.com
			'  ADA@EXAMPLE.COM  '      | ada@example.com
			ada+news@mail.example.org  | ada+news@mail.example.org
			""")
	void normalisesEmailToTrimmedLowerCase(String typed, String normal) {
		assertThat(ContactDetails.email(typed)).contains(normal);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", " ", "ada", "ada@example", "@example.com", "ada@", "ada@@example.com",
			"ada@exa@mple.com", "ada lovelace@example.com", "ada@exam ple.com" })
	void rejectsWhatIsNotAnEmailAddress(String typed) {
		assertThat(ContactDetails.email(typed)).isEmpty();
	}

	@Test
	void acceptsEmailUpTo254Characters() {
		String domain = "@example.com";
		String longest = "a".repeat(254 - domain.length()) + domain;

		assertThat(ContactDetails.email(longest)).contains(longest);
		assertThat(ContactDetails.email("a" + longest)).isEmpty();
	}

	@ParameterizedTest(name = "\"{0}\" in {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			06 12 34 56 78       | FR | +33612345678
			0612345678           | FR | +33612345678
			06.12.34.56.78       | FR | +33612345678
			06-12-34-56-78       | FR | +33612345678
			+33 6 12 34 56 78    | FR | +33612345678
			0033 6 12 34 56 78   | FR | +33612345678
			01 23 45 67 89       | FR | +33123456789
			+44 20 7946 0958     | FR | +442079460958
			020 7946 0958        | GB | +442079460958
			+33 6 12 34 56 78    | GB | +33612345678
			""")
	void normalisesPhoneToE164(String typed, String country, String normal) {
		assertThat(ContactDetails.phone(typed, country)).contains(normal);
	}

	@Test
	void readsNationalNumbersInTheGivenCountry() {
		assertThat(ContactDetails.phone("020 7946 0958", "FR")).isEmpty();
		assertThat(ContactDetails.phone("06 12 34 56 78", "GB")).isEmpty();
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "   ", "12345", "call me", "+33 6 12", "06 12 34 56 7", "06 12 34 56 78 9",
			"+999 12 34 56 78", "2901234567890", "06 12 34 56 78 90 12 34 56 78 90 12" })
	void rejectsWhatIsNotAValidPhoneNumber(String typed) {
		assertThat(ContactDetails.phone(typed, "FR")).isEmpty();
	}
}

package io.fidelis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class MoneyTest {

	private static final Currency EUR = Currency.getInstance("EUR");

	@Test
	void parsesMajorUnitsIntoMinorUnits() {
		assertThat(Money.parse(new BigDecimal("49.90"), EUR, "amount").minorUnits()).isEqualTo(4990);
		assertThat(Money.parse(new BigDecimal("49.9"), EUR, "amount").minorUnits()).isEqualTo(4990);
		assertThat(Money.parse(new BigDecimal("1500"), Currency.getInstance("JPY"), "amount").minorUnits())
			.isEqualTo(1500);
		assertThat(Money.parse(new BigDecimal("1.000"), EUR, "amount").minorUnits()).isEqualTo(100);
	}

	@Test
	void rejectsWhatATillShouldNeverSend() {
		assertThatThrownBy(() -> Money.parse(new BigDecimal("49.905"), EUR, "amount"))
			.hasMessageContaining("amount").hasMessageContaining("decimal places");
		assertThatThrownBy(() -> Money.parse(new BigDecimal("-1"), EUR, "amount")).hasMessageContaining("negative");
		assertThatThrownBy(() -> Money.parse(new BigDecimal("1E+12"), EUR, "amount"))
			.hasMessageContaining("must not exceed");
		assertThatThrownBy(() -> Money.parse(new BigDecimal("1.5"), Currency.getInstance("JPY"), "amount"))
			.hasMessageContaining("decimal places");
	}

	@Test
	void knowsOnlyIso4217Currencies() {
		assertThat(Money.currency("EUR", "currency")).isEqualTo(EUR);
		assertThatThrownBy(() -> Money.currency("XYZ", "currency")).hasMessageContaining("ISO 4217");
		assertThatThrownBy(() -> Money.currency("eur", "currency")).hasMessageContaining("ISO 4217");
	}

	@Test
	void printsMajorUnitsWithTheCurrencysDecimals() {
		assertThat(new Money(5, EUR)).hasToString("0.05 EUR");
	}
}

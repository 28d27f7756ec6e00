package io.fidelis.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fidelis.program.ExpiryPolicy;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.TenantId;

/** Units to money and back, always rounded so that the member neither gets a fraction nor pays for one. */
class UnitValueTest {

	private static final Currency EUR = Currency.getInstance("EUR");

	private static UnitValue perUnit(String minorUnits, Currency currency) {
		return new UnitValue(new BigDecimal(minorUnits), currency);
	}

	@Test
	void aPointWorthACentIsWorthItsNumberOfCents() {
		UnitValue cent = perUnit("1", EUR);
		assertThat(cent.worth(499)).isEqualTo(499);
		assertThat(cent.unitsFor(499)).isEqualTo(499);
		assertThat(cent.unitsWithin(499)).isEqualTo(499);
	}

	@Test
	void fractionsOfACentAreNeitherGivenNorCharged() {
		UnitValue fourTenths = perUnit("0.4", EUR);
		assertThat(fourTenths.worth(11)).isEqualTo(4);
		assertThat(fourTenths.unitsFor(4)).isEqualTo(10);
		assertThat(fourTenths.unitsFor(5)).isEqualTo(13);
		assertThat(fourTenths.unitsWithin(5)).isEqualTo(12);
		assertThat(fourTenths.worth(2)).isZero();
	}

	@Test
	void pointsWorthSeveralCentsNeverPayMoreThanAllowed() {
		UnitValue fiveCents = perUnit("5", EUR);
		assertThat(fiveCents.unitsWithin(12)).isEqualTo(2);
		assertThat(fiveCents.worth(2)).isEqualTo(10);
		assertThat(fiveCents.unitsFor(12)).isEqualTo(3);
	}

	@Test
	void unitsWorthNothingPayNothing() {
		UnitValue nothing = perUnit("0", EUR);
		assertThat(nothing.worth(1_000_000)).isZero();
		assertThat(nothing.unitsWithin(500)).isEqualTo(Long.MAX_VALUE);
		assertThatThrownBy(() -> nothing.unitsFor(1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theProgramsUnitValueIsCountedInTheMinorUnitsOfItsCurrency() {
		assertThat(UnitValue.of(program("0.01", "EUR")).minorUnitsPerUnit()).isEqualByComparingTo("1");
		assertThat(UnitValue.of(program("0.004", "EUR")).minorUnitsPerUnit()).isEqualByComparingTo("0.4");
		assertThat(UnitValue.of(program("0.5", "JPY")).worth(5)).isEqualTo(2);
		assertThat(UnitValue.of(program("0.001", "BHD")).worth(7)).isEqualTo(7);
	}

	private static Program program(String unitValue, String currency) {
		Instant now = Instant.now();
		return new Program(new ProgramId(UUID.randomUUID()), new TenantId(UUID.randomUUID()), "points", "Points",
				ProgramKind.POINTS, Currency.getInstance(currency), new BigDecimal(unitValue), ExpiryPolicy.NEVER, 0, 0,
				false, ZoneOffset.UTC, now, now);
	}
}

package io.fidelis.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The entered costs of a period: each month's entry prorated by its days in the period. */
class ProgramCostsTest {

	private static ProgramCosts.EnteredCost entry(String month, long amountMinor) {
		return new ProgramCosts.EnteredCost(YearMonth.parse(month), amountMinor, null, null);
	}

	@Test
	void wholeMonthsCountWhole() {
		assertThat(ProgramCosts.prorated(List.of(entry("2026-01", 31_000), entry("2026-02", 28_000)),
				LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"))).isEqualTo(59_000);
	}

	@Test
	void partMonthsCountTheirShareOfDays() {
		// January 22-31: 10 of 31 days of 310.00; February 1-14: 14 of 28 days of 280.00.
		assertThat(ProgramCosts.prorated(List.of(entry("2026-01", 31_000), entry("2026-02", 28_000)),
				LocalDate.parse("2026-01-22"), LocalDate.parse("2026-02-14"))).isEqualTo(10_000 + 14_000);
		// One day of 100.00 in a 31-day month: 3.2258 rounds to 3.23.
		assertThat(ProgramCosts.prorated(List.of(entry("2026-03", 10_000)), LocalDate.parse("2026-03-05"),
				LocalDate.parse("2026-03-05"))).isEqualTo(323);
	}

	@Test
	void monthsOutsideThePeriodCountNothing() {
		assertThat(ProgramCosts.prorated(List.of(entry("2026-04", 10_000)), LocalDate.parse("2026-03-01"),
				LocalDate.parse("2026-03-31"))).isZero();
	}
}

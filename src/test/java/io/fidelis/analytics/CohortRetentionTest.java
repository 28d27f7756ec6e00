package io.fidelis.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Cohort retention on hand-computed cohorts: January 2026, 4 members, 4 bought in January, 2 in February, 1 in
 * March; February, 2 members, 1 bought in February, none in March; March, nobody enrolled.
 */
class CohortRetentionTest {

	private static final YearMonth JANUARY = YearMonth.of(2026, 1);
	private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);
	private static final YearMonth MARCH = YearMonth.of(2026, 3);

	@Test
	void eachCohortHasTheShareOfItsMembersWhoBoughtInEachMonthSinceEnrolment() {
		var cohorts = CohortRetention.of(JANUARY, MARCH, Map.of(JANUARY, 4L, FEBRUARY, 2L),
				Map.of(JANUARY, Map.of(JANUARY, 4L, FEBRUARY, 2L, MARCH, 1L), FEBRUARY, Map.of(FEBRUARY, 1L)));

		assertThat(cohorts).extracting(CohortRetention::month).containsExactly(JANUARY, FEBRUARY, MARCH);
		assertThat(cohorts.get(0).members()).isEqualTo(4);
		assertThat(cohorts.get(0).active()).containsExactly(4L, 2L, 1L);
		assertThat(cohorts.get(0).retention()).usingElementComparator(BigDecimal::compareTo)
			.containsExactly(decimals("1", "0.5", "0.25"));
		assertThat(cohorts.get(1).active()).containsExactly(1L, 0L);
		assertThat(cohorts.get(1).retention()).usingElementComparator(BigDecimal::compareTo)
			.containsExactly(decimals("0.5", "0"));
		assertThat(cohorts.get(2).members()).isZero();
		assertThat(cohorts.get(2).retention()).as("an empty cohort has no share").containsExactly((BigDecimal) null);
	}

	private static BigDecimal[] decimals(String... values) {
		return Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new);
	}
}

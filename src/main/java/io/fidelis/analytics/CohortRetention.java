package io.fidelis.analytics;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retention by enrolment month, for a heat-map: for each cohort (the members enrolled in a month), the share of its
 * members with a purchase in each month since, month 0 being the month of enrolment, up to the last month reported.
 *
 * @param month the month the cohort's members enrolled in
 * @param members how many enrolled then
 * @param active per month since enrolment, how many of them bought
 * @param retention per month since enrolment, active ÷ members (null for an empty cohort)
 */
public record CohortRetention(YearMonth month, long members, List<Long> active, List<BigDecimal> retention) {

	/**
	 * @param sizes the members enrolled per month, of the cohorts {@code first} to {@code last}
	 * @param active per cohort month, per month of activity, the cohort's members who bought in it
	 */
	static List<CohortRetention> of(YearMonth first, YearMonth last, Map<YearMonth, Long> sizes,
			Map<YearMonth, Map<YearMonth, Long>> active) {
		List<CohortRetention> cohorts = new ArrayList<>();
		for (YearMonth cohort = first; !cohort.isAfter(last); cohort = cohort.plusMonths(1)) {
			long members = sizes.getOrDefault(cohort, 0L);
			Map<YearMonth, Long> buyers = active.getOrDefault(cohort, Map.of());
			List<Long> counts = new ArrayList<>();
			List<BigDecimal> shares = new ArrayList<>();
			for (YearMonth month = cohort; !month.isAfter(last); month = month.plusMonths(1)) {
				long count = buyers.getOrDefault(month, 0L);
				counts.add(count);
				shares.add(Kpis.rate(count, members));
			}
			cohorts.add(new CohortRetention(cohort, members, counts, shares));
		}
		return cohorts;
	}
}

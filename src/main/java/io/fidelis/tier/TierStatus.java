package io.fidelis.tier;

import java.time.Instant;

/**
 * Where a member stands in a program's ladder, as the API shows it. Values are decimal strings, as amounts are
 * everywhere in the API: units or purchases, or an amount in major units of the program's currency.
 *
 * @param since when the member reached the tier (enrolment, for the base tier never left)
 * @param next the tier above and what the metric still needs to reach it; null at the top
 * @param keep what the metric still needs, by the review, to keep the tier
 * @param reviewAt when the tier is next reviewed; null in the base tier
 * @param graceUntil set while the member keeps a tier the metric no longer supports
 * @param manualUntil set while an operator's assignment holds
 * @param grantedBy set while the tier is one granted (by a membership) above the tier earned: who grants it
 */
record TierStatus(String program, Tier tier, Instant since, Metric metric, Next next, Keep keep, Instant reviewAt,
		Instant graceUntil, Instant manualUntil, String grantedBy) {

	/** The metric over its window, counted since {@code from}. */
	record Metric(TierMetric type, String value, Instant from) {
	}

	record Next(String tier, String threshold, String needed) {
	}

	record Keep(String threshold, String needed) {
	}
}

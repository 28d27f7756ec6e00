package io.fidelis.tier;

/** What a program's tiers are earned by, counted over the ladder's window. */
public enum TierMetric {

	/** Units earned by events (not spent, not bought): what returns take back is taken off. */
	POINTS_EARNED,

	/** The amount of purchases in the program's currency, net of returns; thresholds are amounts in major units. */
	AMOUNT_SPENT,

	/** The number of purchases not wholly returned. */
	PURCHASES,

	/** The ladder's {@code expression} over the three others (see {@link TierScore}); thresholds are whole scores. */
	EXPRESSION
}

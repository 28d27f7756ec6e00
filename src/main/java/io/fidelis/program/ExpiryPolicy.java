package io.fidelis.program;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When earned units expire. Expiry falls on a day boundary in the program's time zone, so a daily expiry run
 * expires exactly the lots whose last valid day has passed, whatever hour it runs.
 *
 * @param period months for {@link Rule#MONTHS_AFTER_EARNING} (at least 1); for the calendar rules, how many whole
 *        years or months after the one of earning (0: the end of the same year or month)
 */
public record ExpiryPolicy(Rule policy, int period) {

	public static final ExpiryPolicy NEVER = new ExpiryPolicy(Rule.NONE, 0);
	/** Sanity: nothing is kept valid for more than a century. */
	public static final int MAX_PERIOD = 1200;

	public enum Rule {
		/** Units never expire. */
		NONE,
		/** Units are valid until the same day {@code period} months after they were earned, inclusive. */
		MONTHS_AFTER_EARNING,
		/** Units are valid until 31 December of the year of earning plus {@code period}. */
		END_OF_YEAR,
		/** Units are valid until the last day of the month of earning plus {@code period}. */
		END_OF_MONTH
	}

	public ExpiryPolicy {
		if (policy == null) {
			throw new IllegalArgumentException("expiry policy is required");
		}
		int min = policy == Rule.MONTHS_AFTER_EARNING ? 1 : 0;
		if (policy == Rule.NONE ? period != 0 : period < min || period > MAX_PERIOD) {
			throw new IllegalArgumentException(policy == Rule.NONE ? "period must be 0 when units never expire"
					: "period must be between " + min + " and " + MAX_PERIOD);
		}
	}

	/** The instant units earned at {@code earnedAt} stop being valid, or empty if they never expire. */
	public Optional<Instant> expiresAt(Instant earnedAt, ZoneId zone) {
		LocalDate earned = earnedAt.atZone(zone).toLocalDate();
		LocalDate firstInvalidDay = switch (policy) {
			case NONE -> null;
			case MONTHS_AFTER_EARNING -> earned.plusMonths(period).plusDays(1);
			case END_OF_YEAR -> LocalDate.of(earned.getYear() + period + 1, 1, 1);
			case END_OF_MONTH -> earned.withDayOfMonth(1).plusMonths(period + 1L);
		};
		return Optional.ofNullable(firstInvalidDay).map(day -> day.atStartOfDay(zone).toInstant());
	}
}

package io.fidelis.tier;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fidelis.program.Program;
import io.fidelis.shared.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A program's tiers, from the base tier (threshold 0) up, and the policy that moves members along them: upgrades as
 * soon as the metric over the window reaches a higher threshold, downgrades only at the review date.
 *
 * @param expression with the metric {@code expression}: the CEL expression that scores members (see {@link TierScore})
 * @param graceDays how long a member the metric no longer supports at review keeps the tier before going down
 * @param returnsBringReviewForward whether a return after which the metric no longer supports the member's tier
 *        brings their review to the next run of the review job, rather than waiting for the review date
 */
public record TierLadder(@NotNull TierMetric metric, @Size(max = 1000) String expression,
		@NotNull @Valid Window window, @NotNull Downgrade downgrade, @Min(0) @Max(366) Integer graceDays, @NotNull @Valid Review review, Boolean returnsBringReviewForward,
		@NotNull @Size(min = 1, max = TierLadder.MAX_TIERS) List<@NotNull @Valid Tier> tiers) {

	/** Sanity: a ladder is for people to climb. */
	public static final int MAX_TIERS = 20;
	private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

	public TierLadder {
		graceDays = graceDays == null ? 0 : graceDays;
		returnsBringReviewForward = Boolean.TRUE.equals(returnsBringReviewForward);
		tiers = tiers == null ? null : List.copyOf(tiers);
	}

	/** Where a member at review goes when the metric supports a lower tier. */
	public enum Downgrade {
		/** One tier down (or to what the metric supports, if that is higher). */
		ONE_TIER,
		/** Straight to the tier the metric supports. */
		TO_SUPPORTED_TIER
	}

	/** The months the metric is counted over: the last {@code months}, or the calendar year so far. */
	public record Window(@NotNull Kind type, @Min(1) @Max(120) Integer months) {

		public enum Kind {
			ROLLING, CALENDAR_YEAR
		}
	}

	/** When a member's tier is reviewed: yearly on the anniversary of reaching it, or every year on {@code date}. */
	public record Review(@NotNull Kind type, String date) {

		public enum Kind {
			ANNIVERSARY, FIXED
		}
	}

	/** What the request's annotations cannot say; empty if the ladder fits the program. */
	List<FieldError> problems(Program program) {
		List<FieldError> errors = new ArrayList<>();
		if ((metric == TierMetric.EXPRESSION) != (expression != null)) {
			errors.add(new FieldError("expression", "is required with the metric expression, and only then"));
		}
		if (window.type() == Window.Kind.ROLLING && window.months() == null) {
			errors.add(new FieldError("window.months", "is required for a rolling window"));
		}
		if (window.type() == Window.Kind.CALENDAR_YEAR && window.months() != null) {
			errors.add(new FieldError("window.months", "is only for a rolling window"));
		}
		if (review.type() == Review.Kind.FIXED && review.date() == null) {
			errors.add(new FieldError("review.date", "is required for a fixed review date, as MM-DD"));
		}
		else if (review.type() == Review.Kind.FIXED && fixedDate(review.date()) == null) {
			errors.add(new FieldError("review.date", "must be a day of the year as MM-DD, such as 01-31"));
		}
		if (review.type() == Review.Kind.ANNIVERSARY && review.date() != null) {
			errors.add(new FieldError("review.date", "is only for a fixed review date"));
		}
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < tiers.size(); i++) {
			Tier tier = tiers.get(i);
			String field = "tiers[" + i + "]";
			if (!codes.add(tier.code())) {
				errors.add(new FieldError(field + ".code", "'" + tier.code() + "' is the code of an earlier tier"));
			}
			int scale = metric == TierMetric.AMOUNT_SPENT ? program.currency().getDefaultFractionDigits() : 0;
			if (tier.threshold().stripTrailingZeros().scale() > scale) {
				errors.add(new FieldError(field + ".threshold", scale == 0 ? "must be a whole number"
						: "must have at most " + scale + " decimals"));
			}
			if (i == 0 && tier.threshold().signum() != 0) {
				errors.add(new FieldError(field + ".threshold", "must be 0: the first tier is the base tier"));
			}
			if (i > 0 && tier.threshold().compareTo(tiers.get(i - 1).threshold()) <= 0) {
				errors.add(new FieldError(field + ".threshold", "must be above the threshold of the tier before"));
			}
			if (tier.earnMultiplier().stripTrailingZeros().scale() > 2) {
				errors.add(new FieldError(field + ".earnMultiplier", "must have at most 2 decimals"));
			}
		}
		return errors;
	}

	private static MonthDay fixedDate(String text) {
		try {
			return MonthDay.parse(text, MONTH_DAY);
		}
		catch (DateTimeException notADate) {
			return null;
		}
	}

	Tier base() {
		return tiers.get(0);
	}

	/** The tier's place from the base (0), or -1 if the ladder has no such tier. */
	int rank(String code) {
		for (int i = 0; i < tiers.size(); i++) {
			if (tiers.get(i).code().equals(code)) {
				return i;
			}
		}
		return -1;
	}

	/** A threshold in the unit the metric is counted in: units, purchases, or minor units of the currency. */
	long threshold(Tier tier, Program program) {
		BigDecimal threshold = tier.threshold();
		if (metric == TierMetric.AMOUNT_SPENT) {
			threshold = threshold.movePointRight(program.currency().getDefaultFractionDigits());
		}
		return threshold.longValueExact();
	}

	/** The highest tier whose threshold the metric reaches. */
	Tier supported(long value, Program program) {
		Tier supported = base();
		for (Tier tier : tiers) {
			if (value >= threshold(tier, program)) {
				supported = tier;
			}
		}
		return supported;
	}

	/** The tier above this one, or null at the top. */
	Tier above(Tier tier) {
		int rank = rank(tier.code());
		return rank + 1 < tiers.size() ? tiers.get(rank + 1) : null;
	}

	/** Since when the metric is counted at {@code now}. */
	Instant windowStart(Instant now, ZoneId zone) {
		ZonedDateTime local = now.atZone(zone);
		return window.type() == Window.Kind.ROLLING ? local.minusMonths(window.months()).toInstant()
				: local.toLocalDate().withDayOfYear(1).atStartOfDay(zone).toInstant();
	}

	/**
	 * The first review after {@code after} of a tier reached at {@code since}: the anniversary of reaching it, or the
	 * next fixed date (at the start of that day in the program's zone).
	 */
	Instant reviewAfter(Instant since, Instant after, ZoneId zone) {
		if (review.type() == Review.Kind.ANNIVERSARY) {
			ZonedDateTime reached = since.atZone(zone);
			ZonedDateTime review = reached.plusYears(1);
			for (int years = 2; !review.toInstant().isAfter(after); years++) {
				review = reached.plusYears(years);
			}
			return review.toInstant();
		}
		MonthDay date = fixedDate(review.date());
		LocalDate day = date.atYear(after.atZone(zone).getYear());
		Instant review = day.atStartOfDay(zone).toInstant();
		return review.isAfter(after) ? review : date.atYear(day.getYear() + 1).atStartOfDay(zone).toInstant();
	}

	/** A metric's value as the API shows it: units or purchases, or an amount in major units ("520.50"). */
	String display(long value, Program program) {
		return metric == TierMetric.AMOUNT_SPENT
				? BigDecimal.valueOf(value, program.currency().getDefaultFractionDigits()).toPlainString()
				: Long.toString(value);
	}

	/** The metric and its value in words: "points earned 1200", "amount spent 1200.00 EUR", "purchases 12". */
	String describe(long value, Program program) {
		return switch (metric) {
			case POINTS_EARNED -> program.kind().unit() + " earned " + value;
			case AMOUNT_SPENT -> "amount spent " + display(value, program) + " "
					+ program.currency().getCurrencyCode();
			case PURCHASES -> "purchases " + value;
			case EXPRESSION -> "score " + value;
		};
	}
}

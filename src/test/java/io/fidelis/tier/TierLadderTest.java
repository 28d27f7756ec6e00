package io.fidelis.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fidelis.program.ExpiryPolicy;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.TenantId;

/** A ladder's arithmetic: which tier a metric supports, windows and review dates. */
class TierLadderTest {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
	private static final Program PROGRAM = new Program(new ProgramId(UUID.randomUUID()),
			new TenantId(UUID.randomUUID()), "points", "Points", ProgramKind.POINTS, Currency.getInstance("EUR"),
			new BigDecimal("0.01"), ExpiryPolicy.NEVER, 0, 0, false, PARIS, Instant.EPOCH, Instant.EPOCH);

	private static TierLadder ladder(TierMetric metric, TierLadder.Window window, TierLadder.Review review) {
		return new TierLadder(metric, null, window, TierLadder.Downgrade.ONE_TIER, null, review, null, List.of(
				tier("bronze", "0"), tier("silver", "100"), tier("gold", "500.50")));
	}

	private static Tier tier(String code, String threshold) {
		return new Tier(code, new Tier.Names(code, code), new BigDecimal(threshold), null, null, null);
	}

	private static final TierLadder.Window ROLLING = new TierLadder.Window(TierLadder.Window.Kind.ROLLING, 12);
	private static final TierLadder.Review ANNIVERSARY = new TierLadder.Review(TierLadder.Review.Kind.ANNIVERSARY,
			null);

	@Test
	void theSupportedTierIsTheHighestWhoseThresholdTheMetricReaches() {
		TierLadder amounts = ladder(TierMetric.AMOUNT_SPENT, ROLLING, ANNIVERSARY);

		assertThat(amounts.supported(0, PROGRAM).code()).isEqualTo("bronze");
		assertThat(amounts.supported(9_999, PROGRAM).code()).isEqualTo("bronze");
		assertThat(amounts.supported(10_000, PROGRAM).code()).isEqualTo("silver");
		assertThat(amounts.supported(50_049, PROGRAM).code()).isEqualTo("silver");
		assertThat(amounts.supported(50_050, PROGRAM).code()).isEqualTo("gold");
		assertThat(amounts.display(50_050, PROGRAM)).isEqualTo("500.50");
	}

	@Test
	void aRollingWindowGoesBackItsMonthsAndACalendarOneToNewYearInTheProgramsZone() {
		Instant now = Instant.parse("2026-03-31T10:00:00Z");

		assertThat(ladder(TierMetric.PURCHASES, ROLLING, ANNIVERSARY).windowStart(now, PARIS))
			.isEqualTo(Instant.parse("2025-03-31T10:00:00Z"));
		assertThat(ladder(TierMetric.PURCHASES, new TierLadder.Window(TierLadder.Window.Kind.CALENDAR_YEAR, null),
				ANNIVERSARY).windowStart(now, PARIS)).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
	}

	@Test
	void anAnniversaryReviewIsTheFirstAnniversaryOfReachingTheTierAfterNow() {
		TierLadder ladder = ladder(TierMetric.PURCHASES, ROLLING, ANNIVERSARY);
		Instant reached = Instant.parse("2024-02-29T12:00:00Z");

		assertThat(ladder.reviewAfter(reached, reached, PARIS)).isEqualTo(Instant.parse("2025-02-28T12:00:00Z"));
		assertThat(ladder.reviewAfter(reached, Instant.parse("2026-06-01T00:00:00Z"), PARIS))
			.isEqualTo(Instant.parse("2027-02-28T12:00:00Z"));
		assertThat(ladder.reviewAfter(reached, Instant.parse("2028-03-01T00:00:00Z"), PARIS))
			.isEqualTo(Instant.parse("2029-02-28T12:00:00Z"));
	}

	@Test
	void aFixedReviewIsTheNextOccurrenceOfItsDayAtMidnightInTheProgramsZone() {
		TierLadder ladder = ladder(TierMetric.PURCHASES, ROLLING,
				new TierLadder.Review(TierLadder.Review.Kind.FIXED, "01-31"));

		assertThat(ladder.reviewAfter(Instant.EPOCH, Instant.parse("2026-01-10T00:00:00Z"), PARIS))
			.isEqualTo(Instant.parse("2026-01-30T23:00:00Z"));
		assertThat(ladder.reviewAfter(Instant.EPOCH, Instant.parse("2026-01-30T23:00:00Z"), PARIS))
			.isEqualTo(Instant.parse("2027-01-30T23:00:00Z"));
	}

	@Test
	void aLadderFitsTheProgramOnlyWithIncreasingThresholdsFromZero() {
		TierLadder ladder = new TierLadder(TierMetric.POINTS_EARNED, null, ROLLING, TierLadder.Downgrade.ONE_TIER, null,
				ANNIVERSARY, null, List.of(tier("a", "5"), tier("b", "5"), tier("c", "7.5")));

		assertThat(ladder.problems(PROGRAM)).extracting(error -> error.field() + " " + error.message())
			.containsExactly("tiers[0].threshold must be 0: the first tier is the base tier",
					"tiers[1].threshold must be above the threshold of the tier before",
					"tiers[2].threshold must be a whole number");
	}
}

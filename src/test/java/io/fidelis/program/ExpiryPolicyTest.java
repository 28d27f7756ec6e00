package io.fidelis.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Test
	void neverExpires() {
		assertThat(ExpiryPolicy.NEVER.expiresAt(Instant.parse("2026-03-15T10:00:00Z"), PARIS)).isEmpty();
	}

	@Test
	void monthsAfterEarningKeepTheSameDayValidThenExpireAtLocalMidnight() {
		ExpiryPolicy twelveMonths = new ExpiryPolicy(ExpiryPolicy.Rule.MONTHS_AFTER_EARNING, 12);

		// Earned on 15 March 2026 in Paris: valid through 15 March 2027, invalid from midnight (23:00 UTC).
		assertThat(twelveMonths.expiresAt(Instant.parse("2026-03-15T10:00:00Z"), PARIS))
			.contains(Instant.parse("2027-03-15T23:00:00Z"));
	}

	@Test
	void theDayOfEarningIsTheDayInTheProgramsTimeZone() {
		ExpiryPolicy oneMonth = new ExpiryPolicy(ExpiryPolicy.Rule.MONTHS_AFTER_EARNING, 1);

		// 23:30 UTC on 31 January is already 1 February in Paris.
		assertThat(oneMonth.expiresAt(Instant.parse("2026-01-31T23:30:00Z"), PARIS))
			.contains(Instant.parse("2026-03-01T23:00:00Z"));
	}

	@Test
	void monthsAfterEarningOnTheLastDayOfAMonthEndsOnTheLastDayOfTheShorterMonth() {
		ExpiryPolicy oneMonth = new ExpiryPolicy(ExpiryPolicy.Rule.MONTHS_AFTER_EARNING, 1);

		assertThat(oneMonth.expiresAt(Instant.parse("2026-01-31T10:00:00Z"), ZoneId.of("UTC")))
			.contains(Instant.parse("2026-03-01T00:00:00Z"));
	}

	@Test
	void endOfYearCountsWholeYearsAfterTheYearOfEarning() {
		assertThat(new ExpiryPolicy(ExpiryPolicy.Rule.END_OF_YEAR, 0)
			.expiresAt(Instant.parse("2026-06-30T12:00:00Z"), PARIS)).contains(Instant.parse("2026-12-31T23:00:00Z"));
		assertThat(new ExpiryPolicy(ExpiryPolicy.Rule.END_OF_YEAR, 1)
			.expiresAt(Instant.parse("2026-06-30T12:00:00Z"), PARIS)).contains(Instant.parse("2027-12-31T23:00:00Z"));
	}

	@Test
	void endOfMonthCountsWholeMonthsAfterTheMonthOfEarning() {
		assertThat(new ExpiryPolicy(ExpiryPolicy.Rule.END_OF_MONTH, 0)
			.expiresAt(Instant.parse("2026-02-10T12:00:00Z"), ZoneId.of("UTC")))
			.contains(Instant.parse("2026-03-01T00:00:00Z"));
		assertThat(new ExpiryPolicy(ExpiryPolicy.Rule.END_OF_MONTH, 11)
			.expiresAt(Instant.parse("2026-02-10T12:00:00Z"), ZoneId.of("UTC")))
			.contains(Instant.parse("2027-02-01T00:00:00Z"));
	}

	@Test
	void refusesPeriodsThatMakeNoSense() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ExpiryPolicy(ExpiryPolicy.Rule.NONE, 3));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExpiryPolicy(ExpiryPolicy.Rule.MONTHS_AFTER_EARNING, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExpiryPolicy(ExpiryPolicy.Rule.END_OF_YEAR, ExpiryPolicy.MAX_PERIOD + 1));
	}
}

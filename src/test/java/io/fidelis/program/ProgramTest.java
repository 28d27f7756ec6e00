package io.fidelis.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fidelis.shared.TenantId;

class ProgramTest {

	private static Program program(int pendingDays, ExpiryPolicy expiry) {
		return program(pendingDays, expiry, 0);
	}

	private static Program program(int pendingDays, ExpiryPolicy expiry, int expiryWarningDays) {
		return new Program(new ProgramId(UUID.randomUUID()), new TenantId(UUID.randomUUID()), "points", "Points",
				ProgramKind.POINTS, Currency.getInstance("EUR"), new BigDecimal("0.01"), expiry,
				expiryWarningDays, pendingDays, false, ZoneId.of("Europe/Paris"), Instant.EPOCH, Instant.EPOCH);
	}

	@Test
	void unitsAreAvailableAtOnceWithoutAPendingPeriod() {
		assertThat(program(0, ExpiryPolicy.NEVER).activatesAt(Instant.parse("2026-05-01T10:00:00Z"))).isEmpty();
	}

	@Test
	void unitsBecomeAvailableWhenThePendingPeriodIsOver() {
		Instant earned = Instant.parse("2026-05-01T10:00:00Z");

		assertThat(program(14, ExpiryPolicy.NEVER).activatesAt(earned)).contains(earned.plus(Duration.ofDays(14)));
	}

	@Test
	void expiryFollowsThePolicyInTheProgramsTimeZone() {
		Program program = program(0, new ExpiryPolicy(ExpiryPolicy.Rule.END_OF_MONTH, 0));

		assertThat(program.expiresAt(Instant.parse("2026-05-31T22:30:00Z")))
			.contains(Instant.parse("2026-06-30T22:00:00Z"));
	}

	@Test
	void warnsOfNothingWithoutWarningDays() {
		Program program = program(0, new ExpiryPolicy(ExpiryPolicy.Rule.MONTHS_AFTER_EARNING, 12), 0);

		assertThat(program.expiryWarningHorizon(Instant.parse("2026-05-01T10:00:00Z"))).isEmpty();
	}

	@Test
	void warnsOfWhatExpiresWithinTheWarningDaysCountedInTheProgramsCalendarDays() {
		Program program = program(0, new ExpiryPolicy(ExpiryPolicy.Rule.MONTHS_AFTER_EARNING, 12), 7);
		// 8 May 00:00 in Paris: units whose last valid day is 7 May or earlier.
		Instant horizon = Instant.parse("2026-05-07T22:00:00Z");

		assertThat(program.expiryWarningHorizon(Instant.parse("2026-04-30T22:00:00Z"))).contains(horizon);
		assertThat(program.expiryWarningHorizon(Instant.parse("2026-05-01T21:59:59Z"))).contains(horizon);
		assertThat(program.expiryWarningHorizon(Instant.parse("2026-05-01T22:00:00Z")))
			.contains(horizon.plus(Duration.ofDays(1)));
	}
}

package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class LotConsumptionTest {

	private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
	private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
	private static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");

	private static Lot lot(long remaining, Instant earnedAt, Instant expiresAt, UUID origin) {
		return new Lot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), origin, remaining, remaining, earnedAt,
				expiresAt, null);
	}

	private static Lot lot(long remaining, Instant earnedAt, Instant expiresAt) {
		return lot(remaining, earnedAt, expiresAt, UUID.randomUUID());
	}

	@Test
	void takesFromTheSoonestExpiringLotFirst() {
		Lot late = lot(50, JANUARY, JUNE);
		Lot soon = lot(30, MARCH, MARCH.plusSeconds(86_400));

		assertThat(LotConsumption.plan(List.of(late, soon), 40)).containsExactly(
				new LotConsumption.Take(soon.id(), 30), new LotConsumption.Take(late.id(), 10));
	}

	@Test
	void takesLotsThatNeverExpireLastAndTheOldestFirstAmongEquals() {
		Lot never = lot(10, JANUARY, null);
		Lot older = lot(10, JANUARY, JUNE);
		Lot newer = lot(10, MARCH, JUNE);

		assertThat(LotConsumption.plan(List.of(never, newer, older), 25)).containsExactly(
				new LotConsumption.Take(older.id(), 10), new LotConsumption.Take(newer.id(), 10),
				new LotConsumption.Take(never.id(), 5));
	}

	@Test
	void coversOnlyWhatTheLotsHold() {
		List<LotConsumption.Take> plan = LotConsumption.plan(List.of(lot(7, JANUARY, null)), 10);

		assertThat(LotConsumption.total(plan)).isEqualTo(7);
	}

	@Test
	void takesNothingForNothing() {
		assertThat(LotConsumption.plan(List.of(lot(7, JANUARY, null)), 0)).isEmpty();
	}

	@Test
	void aReversalTakesFromItsOwnEarnFirst() {
		UUID earn = UUID.randomUUID();
		Lot soon = lot(20, JANUARY, MARCH);
		Lot own = lot(15, MARCH, JUNE, earn);

		assertThat(LotConsumption.planReversal(List.of(soon, own), earn, 25)).containsExactly(
				new LotConsumption.Take(own.id(), 15), new LotConsumption.Take(soon.id(), 10));
	}
}

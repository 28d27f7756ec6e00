package io.fidelis.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Which lots a debit takes from: pure arithmetic, so it can be tested without a database. */
final class LotConsumption {

	/** Soonest-expiring first, lots that never expire last; among equals, the oldest first. */
	static final Comparator<Lot> SOONEST_EXPIRING = Comparator
		.comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
		.thenComparing(Lot::earnedAt)
		.thenComparing(Lot::id);

	/** Taking {@code amount} from the lot {@code lotId}. */
	record Take(UUID lotId, long amount) {
	}

	private LotConsumption() {
	}

	/** Takes {@code amount} from the lots, soonest-expiring first; the plan covers less if the lots hold less. */
	static List<Take> plan(List<Lot> lots, long amount) {
		return take(lots.stream().sorted(SOONEST_EXPIRING).toList(), amount);
	}

	/**
	 * Takes {@code amount} from what is left of one earn's own lots first, then from the others soonest-expiring
	 * first: a return takes back the very units its purchase gave, while they last.
	 */
	static List<Take> planReversal(List<Lot> lots, UUID originTransactionId, long amount) {
		Comparator<Lot> ownFirst = Comparator.comparing(lot -> !lot.originTransactionId().equals(originTransactionId));
		return take(lots.stream().sorted(ownFirst.thenComparing(SOONEST_EXPIRING)).toList(), amount);
	}

	static long total(List<Take> plan) {
		return plan.stream().mapToLong(Take::amount).sum();
	}

	private static List<Take> take(List<Lot> ordered, long amount) {
		List<Take> plan = new ArrayList<>();
		long left = amount;
		for (Lot lot : ordered) {
			if (left == 0) {
				break;
			}
			long taken = Math.min(left, lot.remaining());
			if (taken > 0) {
				plan.add(new Take(lot.id(), taken));
				left -= taken;
			}
		}
		return plan;
	}
}

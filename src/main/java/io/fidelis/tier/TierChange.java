package io.fidelis.tier;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a member's tier history.
 *
 * @param from the tier before; null when the member started in the base tier
 * @param metric the metric's value when it happened, in the unit of the thresholds (minor units for amounts)
 */
record TierChange(UUID id, String program, String from, String to, Kind kind, String reason, long metric,
		Instant occurredAt) {

	enum Kind {
		/** Up the ladder, by the metric or by an operator. */
		UPGRADE,
		/** Down the ladder, at review or when an operator's assignment ended. */
		DOWNGRADE,
		/** Reviewed and kept. */
		KEPT,
		/** Reviewed, no longer supported, kept for the grace period. */
		GRACE,
		/** Put in the tier it was already in by an operator, or an assignment that ended where it was. */
		MANUAL
	}
}

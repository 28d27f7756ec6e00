package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/** Giving back {@code amount} units of a spending transaction (a redemption or a donation) to the member. */
public record Reversal(TenantId tenant, UUID transactionId, long amount, String reference, Instant occurredAt,
		Explanation explanation) {

	public Reversal {
		if (amount <= 0) {
			throw new IllegalArgumentException("a reversal is positive: " + amount);
		}
	}
}

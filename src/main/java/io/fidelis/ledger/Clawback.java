package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;
import java.util.function.LongFunction;

import io.fidelis.shared.TenantId;

/**
 * Takes back units of an earn transaction, e.g. for a return: first what is still pending of that earn, then from
 * the available balance, starting with what is left of that earn's own lot. Without {@code allowNegativeBalance},
 * what the balance cannot cover is forgiven.
 *
 * @param explanation the explanation to record, given the units actually taken back
 */
public record Clawback(TenantId tenant, UUID earnTransactionId, long amount, boolean allowNegativeBalance,
		String reference, Instant occurredAt, LongFunction<Explanation> explanation) {

	public Clawback {
		if (amount <= 0) {
			throw new IllegalArgumentException("a clawback is positive: " + amount);
		}
	}
}

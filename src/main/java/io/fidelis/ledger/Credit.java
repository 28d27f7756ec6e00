package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * Units given to a member, from a system account. They go to the pending account when {@code activatesAt} is set,
 * otherwise to the available one, and become a lot that expires at {@code expiresAt} (null: never).
 *
 * @param reference the outside reference: the till's transaction id, an idempotency key
 * @param occurredAt the business time of what caused the credit
 */
public record Credit(TenantId tenant, ProgramId program, UUID memberId, long amount, AccountKind source,
		TransactionKind kind, String reference, Instant occurredAt, Instant expiresAt, Instant activatesAt,
		Explanation explanation) {

	public Credit {
		if (amount <= 0) {
			throw new IllegalArgumentException("a credit is positive: " + amount);
		}
		if (source.isMemberAccount()) {
			throw new IllegalArgumentException("a credit comes from a system account, not " + source);
		}
	}
}

package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/** Units taken from a member's available balance to a system account; never more than the balance. */
public record Debit(TenantId tenant, ProgramId program, UUID memberId, long amount, AccountKind destination,
		TransactionKind kind, String reference, Instant occurredAt, Explanation explanation) {

	public Debit {
		if (amount <= 0) {
			throw new IllegalArgumentException("a debit is positive: " + amount);
		}
		if (destination.isMemberAccount()) {
			throw new IllegalArgumentException("a debit goes to a system account, not " + destination);
		}
	}
}

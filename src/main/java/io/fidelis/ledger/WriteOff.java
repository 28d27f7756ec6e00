package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * Units a member spent on something never used (a voucher that expired unused): they move from redemption to
 * breakage, so that the program's numbers tell what was used from what was lost. The member's balances do not change.
 */
public record WriteOff(TenantId tenant, ProgramId program, UUID memberId, long amount, String reference,
		Instant occurredAt, Explanation explanation) {

	public WriteOff {
		if (amount <= 0) {
			throw new IllegalArgumentException("a write-off is positive: " + amount);
		}
	}
}

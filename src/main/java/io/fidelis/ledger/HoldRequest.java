package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/** Setting {@code amount} units of a member aside until {@code expiresAt}, unless captured or released before. */
public record HoldRequest(TenantId tenant, ProgramId program, UUID memberId, long amount, Instant expiresAt,
		String reference, Explanation explanation) {

	public HoldRequest {
		if (amount <= 0) {
			throw new IllegalArgumentException("a hold is positive: " + amount);
		}
	}
}

package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * Units one member gives another in one program.
 *
 * @param sent the giver's explanation, {@code received} the receiver's
 */
public record Transfer(TenantId tenant, ProgramId program, UUID fromMemberId, UUID toMemberId, long amount,
		String reference, Instant occurredAt, Explanation sent, Explanation received) {

	public Transfer {
		if (amount <= 0) {
			throw new IllegalArgumentException("a transfer is positive: " + amount);
		}
		if (fromMemberId.equals(toMemberId)) {
			throw new IllegalArgumentException("a member cannot transfer to themselves");
		}
	}
}

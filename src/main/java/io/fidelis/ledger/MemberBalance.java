package io.fidelis.ledger;

import java.time.Instant;

import io.fidelis.program.ProgramId;

/**
 * A member's balances in one program.
 *
 * @param held what is set aside by checkout holds, neither available nor spent yet
 * @param expiringNext the units that expire first and when, or null if nothing available expires
 */
public record MemberBalance(ProgramId program, long available, long pending, long held, Expiring expiringNext) {

	/** {@code amount} units stop being valid at {@code expiresAt}. */
	public record Expiring(long amount, Instant expiresAt) {
	}
}

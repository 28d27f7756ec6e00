package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;

/**
 * Units of a member set aside during a checkout.
 *
 * @param captured what was spent of {@code amount} (0 unless captured)
 * @param reference the till's reference for the checkout
 */
public record Hold(UUID id, ProgramId program, UUID memberId, long amount, long captured, HoldStatus status,
		String reference, Instant expiresAt, Instant createdAt, Instant resolvedAt) {
}

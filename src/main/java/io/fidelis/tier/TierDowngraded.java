package io.fidelis.tier;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * A member moved down a program's ladder: at review the metric no longer supported the tier, or an operator's
 * assignment ended or put them lower.
 *
 * @param reason in words an operator reads
 */
public record TierDowngraded(TenantId tenant, ProgramId program, UUID memberId, String from, String to,
		String reason, Instant occurredAt) {
}

package io.fidelis.membership;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/**
 * A membership's term ended without a renewal reported: its benefits stop, and it lapses at {@code graceUntil} unless
 * a renewal is reported by then.
 */
public record MembershipPastDue(TenantId tenant, UUID membershipId, UUID memberId, String plan, Instant graceUntil,
		Instant occurredAt) {
}

package io.fidelis.membership;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/** A membership expired: its term (and grace period) ended without a renewal. */
public record MembershipLapsed(TenantId tenant, UUID membershipId, UUID memberId, String plan, String reason,
		Instant occurredAt) {
}

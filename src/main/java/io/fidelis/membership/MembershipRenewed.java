package io.fidelis.membership;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/** A renewal was reported: the membership runs one more term. */
public record MembershipRenewed(TenantId tenant, UUID membershipId, UUID memberId, String plan,
		String paymentReference, Instant termEnd, Instant occurredAt) {
}

package io.fidelis.membership;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/** A membership's trial ended: its first paid term runs. */
public record MembershipActivated(TenantId tenant, UUID membershipId, UUID memberId, String plan, Instant termEnd,
		Instant occurredAt) {
}

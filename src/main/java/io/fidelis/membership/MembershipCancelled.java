package io.fidelis.membership;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/**
 * A membership was cancelled, at once or at its term's end; {@code note} tells what of the paid term was unused (pro
 * rata) when at once.
 */
public record MembershipCancelled(TenantId tenant, UUID membershipId, UUID memberId, String plan, String note,
		Instant occurredAt) {
}

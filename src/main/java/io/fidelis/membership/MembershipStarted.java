package io.fidelis.membership;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/** A member started a membership after the till or shop reported its payment; in trial when the plan has one. */
public record MembershipStarted(TenantId tenant, UUID membershipId, UUID memberId, String plan,
		MembershipStatus status, String paymentReference, Instant termEnd, Instant occurredAt) {
}

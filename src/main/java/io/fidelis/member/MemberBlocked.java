package io.fidelis.member;

import java.time.Instant;

import io.fidelis.shared.TenantId;

/** An operator blocked a member: they earn and spend nothing until unblocked. */
public record MemberBlocked(TenantId tenantId, MemberId memberId, String reason, Instant blockedAt) {
}

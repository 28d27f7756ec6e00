package io.fidelis.member;

import java.time.Instant;

import io.fidelis.shared.TenantId;

/** An operator lifted a member's block. */
public record MemberUnblocked(TenantId tenantId, MemberId memberId, Instant unblockedAt) {
}

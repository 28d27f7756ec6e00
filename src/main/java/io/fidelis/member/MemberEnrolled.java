package io.fidelis.member;

import java.time.Instant;

import io.fidelis.shared.TenantId;

/** A member joined; handled in the enrolment's transaction (their signup is an earning event too). */
public record MemberEnrolled(TenantId tenantId, MemberId memberId, Instant enrolledAt) {
}

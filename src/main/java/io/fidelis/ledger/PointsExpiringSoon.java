package io.fidelis.ledger;

import java.time.Instant;

import io.fidelis.member.MemberId;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * A member's units expire soon: {@code amount} units of the program stop being valid at {@code expiresAt}. Published
 * once per member and expiry date, when that date comes within the program's {@code expiryWarningDays}, inside the
 * transaction that records the warning.
 */
public record PointsExpiringSoon(TenantId tenantId, ProgramId programId, MemberId memberId, long amount,
		Instant expiresAt) {
}

package io.fidelis.program;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

import io.fidelis.shared.TenantId;

/**
 * A loyalty program: what its unit is, what one unit is worth, and when earned units become available and expire.
 * How units are earned is up to its rules (see the earning module).
 *
 * @param unitValue the money value of one unit in {@code currency}, for liability (0.01: a point is worth a cent)
 * @param pendingDays days earned units stay pending (a return window) before they can be spent; 0 for at once
 * @param allowNegativeBalance whether a return's clawback may take the available balance below zero
 * @param timeZone the zone whose calendar days expiry follows
 */
public record Program(ProgramId id, TenantId tenantId, String code, String name, ProgramKind kind, Currency currency,
		BigDecimal unitValue, ExpiryPolicy expiry, int pendingDays, boolean allowNegativeBalance,
		ZoneId timeZone, Instant createdAt, Instant updatedAt) {

	public ProgramDefinition definition() {
		return new ProgramDefinition(code, name, kind, currency, unitValue, expiry, pendingDays,
				allowNegativeBalance, timeZone);
	}

	/** When units earned at {@code earnedAt} expire; empty if they never do. */
	public Optional<Instant> expiresAt(Instant earnedAt) {
		return expiry.expiresAt(earnedAt, timeZone);
	}

	/** When units earned at {@code earnedAt} become available; empty if they are available at once. */
	public Optional<Instant> activatesAt(Instant earnedAt) {
		return pendingDays == 0 ? Optional.empty() : Optional.of(earnedAt.plus(Duration.ofDays(pendingDays)));
	}
}

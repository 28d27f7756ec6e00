package io.fidelis.program;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

import io.fidelis.shared.TenantId;

/**
 * A loyalty program: what its unit is, what one unit is worth, and when earned units become available and expire.
 * How units are earned is up to its rules (see the earning module).
 *
 * @param unitValue the money value of one unit in {@code currency}, for liability (0.01: a point is worth a cent)
 * @param expiryWarningDays how many days ahead members are warned of units about to expire; 0 for no warning
 * @param pendingDays days earned units stay pending (a return window) before they can be spent; 0 for at once
 * @param allowNegativeBalance whether a return's clawback may take the available balance below zero
 * @param timeZone the zone whose calendar days expiry follows
 */
public record Program(ProgramId id, TenantId tenantId, String code, String name, ProgramKind kind, Currency currency,
		BigDecimal unitValue, ExpiryPolicy expiry, int expiryWarningDays, int pendingDays,
		boolean allowNegativeBalance, ZoneId timeZone, Instant createdAt, Instant updatedAt) {

	public ProgramDefinition definition() {
		return new ProgramDefinition(code, name, kind, currency, unitValue, expiry, expiryWarningDays, pendingDays,
				allowNegativeBalance, timeZone);
	}

	/** When units earned at {@code earnedAt} expire; empty if they never do. */
	public Optional<Instant> expiresAt(Instant earnedAt) {
		return expiry.expiresAt(earnedAt, timeZone);
	}

	/**
	 * Units expiring at or before this instant are worth a warning at {@code now}: the start of the day
	 * {@code expiryWarningDays} after today, in the program's time zone, so that one warning run a day sees the same
	 * horizon whatever hour it runs. Empty if the program warns of nothing.
	 */
	public Optional<Instant> expiryWarningHorizon(Instant now) {
		if (expiryWarningDays == 0) {
			return Optional.empty();
		}
		LocalDate today = now.atZone(timeZone).toLocalDate();
		return Optional.of(today.plusDays(expiryWarningDays).atStartOfDay(timeZone).toInstant());
	}

	/** When units earned at {@code earnedAt} become available; empty if they are available at once. */
	public Optional<Instant> activatesAt(Instant earnedAt) {
		return pendingDays == 0 ? Optional.empty() : Optional.of(earnedAt.plus(Duration.ofDays(pendingDays)));
	}
}

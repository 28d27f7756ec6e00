package io.fidelis.program;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Currency;

/** Everything an operator defines about a program; {@link Programs} gives it an id and keeps it. */
public record ProgramDefinition(String code, String name, ProgramKind kind, Currency currency, BigDecimal unitValue,
		ExpiryPolicy expiry, int expiryWarningDays, int pendingDays, boolean allowNegativeBalance, ZoneId timeZone) {

	public ProgramDefinition {
		// One form for one value: 0.010 and 0.01 are the same value, and are answered the same way.
		unitValue = unitValue.stripTrailingZeros();
	}
}

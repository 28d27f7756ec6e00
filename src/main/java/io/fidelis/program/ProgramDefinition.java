package io.fidelis.program;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Currency;

/** Everything an operator defines about a program; {@link Programs} gives it an id and keeps it. */
public record ProgramDefinition(String code, String name, ProgramKind kind, Currency currency, BigDecimal unitValue,
		BigDecimal earnRate, ExpiryPolicy expiry, int pendingDays, boolean allowNegativeBalance, ZoneId timeZone) {
}

package io.fidelis.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money in minor units of an ISO 4217 currency ({@code 4990 EUR} is 49.90 EUR). The API speaks major
 * units; storage and arithmetic use minor units, so no floating point ever touches money.
 */
public record Money(long minorUnits, Currency currency) {

	/** Sanity: no single purchase, return or price is above a hundred million major units. */
	public static final BigDecimal MAX_MAJOR_UNITS = new BigDecimal("100000000");

	public Money {
		if (currency == null) {
			throw new IllegalArgumentException("currency is required");
		}
	}

	/**
	 * Parses an amount given in major units, rejecting what a till should never send: negative values, more decimals
	 * than the currency has, absurd magnitudes.
	 */
	public static Money parse(BigDecimal majorUnits, Currency currency, String field) {
		if (majorUnits == null) {
			throw BusinessException.invalid(field, "is required");
		}
		if (majorUnits.signum() < 0) {
			throw BusinessException.invalid(field, "must not be negative");
		}
		if (majorUnits.compareTo(MAX_MAJOR_UNITS) > 0) {
			throw BusinessException.invalid(field, "must not exceed " + MAX_MAJOR_UNITS.toPlainString());
		}
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		BigDecimal normalized = majorUnits.stripTrailingZeros();
		if (normalized.scale() > digits) {
			throw BusinessException.invalid(field,
					"has more than " + digits + " decimal places for " + currency.getCurrencyCode());
		}
		return new Money(majorUnits.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact(),
				currency);
	}

	/** Parses an ISO 4217 code such as {@code EUR}; anything else is an invalid field. */
	public static Currency currency(String code, String field) {
		if (code == null || code.isBlank()) {
			throw BusinessException.invalid(field, "is required");
		}
		if (!code.matches("[A-Z]{3}")) {
			throw BusinessException.invalid(field, "must be an ISO 4217 currency code such as EUR");
		}
		try {
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException unknown) {
			throw BusinessException.invalid(field, "'" + code + "' is not an ISO 4217 currency code");
		}
	}

	public BigDecimal majorUnits() {
		return BigDecimal.valueOf(minorUnits, Math.max(currency.getDefaultFractionDigits(), 0));
	}

	@Override
	public String toString() {
		return majorUnits().toPlainString() + " " + currency.getCurrencyCode();
	}
}

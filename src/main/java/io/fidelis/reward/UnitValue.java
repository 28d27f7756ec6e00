package io.fidelis.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import io.fidelis.program.Program;

/**
 * What a program's units are worth in minor units of its currency, at its unit value; every conversion rounds so that
 * a member never gets more money than their units are worth, nor pays a unit for a fraction of a cent.
 *
 * @param minorUnitsPerUnit the value of one unit in minor units (0.4: a unit is worth 0.4 cent); may be zero
 */
record UnitValue(BigDecimal minorUnitsPerUnit, Currency currency) {

	static UnitValue of(Program program) {
		Currency currency = program.currency();
		return new UnitValue(program.unitValue().movePointRight(Math.max(currency.getDefaultFractionDigits(), 0)),
				currency);
	}

	/** What {@code units} are worth, rounded down to a minor unit. */
	long worth(long units) {
		return minorUnitsPerUnit.multiply(BigDecimal.valueOf(units)).setScale(0, RoundingMode.DOWN).longValueExact();
	}

	/** The fewest units worth {@code minorUnits} (above zero) or more: the price of that much money. */
	long unitsFor(long minorUnits) {
		if (minorUnitsPerUnit.signum() == 0) {
			throw new IllegalArgumentException("units worth nothing buy nothing");
		}
		return BigDecimal.valueOf(minorUnits).divide(minorUnitsPerUnit, 0, RoundingMode.CEILING).longValueExact();
	}

	/** The most units worth no more than {@code minorUnits}; {@link Long#MAX_VALUE} if units are worth nothing. */
	long unitsWithin(long minorUnits) {
		if (minorUnitsPerUnit.signum() == 0) {
			return Long.MAX_VALUE;
		}
		BigDecimal units = BigDecimal.valueOf(minorUnits).divide(minorUnitsPerUnit, 0, RoundingMode.DOWN);
		return units.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : units.longValueExact();
	}
}

package io.fidelis.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import io.fidelis.shared.Money;

/** Amounts as the API shows them: decimal strings with the currency's number of decimals ({@code "5.00"}). */
final class Amounts {

	private Amounts() {
	}

	static String text(long minorUnits, Currency currency) {
		return new Money(minorUnits, currency).majorUnits().toPlainString();
	}

	/** Null stays null: an amount the operator did not give. */
	static String text(BigDecimal majorUnits, Currency currency) {
		return majorUnits == null ? null
				: majorUnits.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY)
					.toPlainString();
	}
}

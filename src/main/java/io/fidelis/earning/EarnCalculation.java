package io.fidelis.earning;

import java.math.BigInteger;

/** The arithmetic of taking back; pure, so every rounding case is a unit test. */
final class EarnCalculation {

	private EarnCalculation() {
	}

	/**
	 * Units a return takes back: the share of {@code earned} that everything refunded so far stands for, minus the
	 * share the earlier returns already stood for. Each share is rounded down, so the returns of a purchase together
	 * never take back more than it earned, and a full refund takes back exactly that.
	 */
	static long clawback(long earned, long purchaseMinor, long refundedBeforeMinor, long refundMinor) {
		if (purchaseMinor == 0) {
			return 0;
		}
		return share(earned, refundedBeforeMinor + refundMinor, purchaseMinor) - share(earned, refundedBeforeMinor,
				purchaseMinor);
	}

	private static long share(long earned, long refundedMinor, long purchaseMinor) {
		// BigInteger: earned × refunded can pass Long.MAX_VALUE for large amounts.
		return BigInteger.valueOf(earned)
			.multiply(BigInteger.valueOf(refundedMinor))
			.divide(BigInteger.valueOf(purchaseMinor))
			.longValueExact();
	}
}

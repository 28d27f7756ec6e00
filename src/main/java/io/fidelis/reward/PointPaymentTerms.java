package io.fidelis.reward;

import java.time.Instant;

/**
 * How a program lets its units pay at a checkout.
 *
 * @param minPoints the fewest units one payment takes
 * @param maxSharePercent the largest share of a basket units may pay, 1 to 100
 * @param updatedAt when an operator last set them (null: the defaults, never set)
 */
record PointPaymentTerms(long minPoints, int maxSharePercent, Instant updatedAt) {

	static final PointPaymentTerms DEFAULTS = new PointPaymentTerms(1, 100, null);

	/** The most of a basket of {@code basket} minor units that units may pay, rounded down. */
	long maxDiscount(long basket) {
		return Math.multiplyExact(basket, maxSharePercent) / 100;
	}
}

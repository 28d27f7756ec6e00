package io.fidelis.earning;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

class EarnCalculationTest {

	@Test
	void partialReturnsTakeBackTheirCumulativeShareRoundedDown() {
		// 100 points for 100.00; three returns of a third each.
		assertThat(EarnCalculation.clawback(100, 10_000, 0, 3_333)).isEqualTo(33);
		assertThat(EarnCalculation.clawback(100, 10_000, 3_333, 3_333)).isEqualTo(33);
		assertThat(EarnCalculation.clawback(100, 10_000, 6_666, 3_334)).isEqualTo(34);
	}

	@Test
	void manySmallReturnsNeverTakeBackMoreThanWasEarned() {
		long earned = 7;
		long purchase = 1_000;
		long taken = 0;
		for (long refunded = 0; refunded < purchase; refunded += 1) {
			taken += EarnCalculation.clawback(earned, purchase, refunded, 1);
			assertThat(taken).isLessThanOrEqualTo(earned * (refunded + 1) / purchase);
		}
		assertThat(taken).isEqualTo(earned);
	}

	@Test
	void doesNotOverflowOnLargeAmounts() {
		long earned = 10_000_000_000L;
		long purchase = 10_000_000_000L;
		assertThat(EarnCalculation.clawback(earned, purchase, 0, purchase)).isEqualTo(earned);
	}
}

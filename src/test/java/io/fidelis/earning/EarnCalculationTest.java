package io.fidelis.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import io.fidelis.shared.Money;

class EarnCalculationTest {

	private static final Currency EUR = Currency.getInstance("EUR");
	private static final Currency JPY = Currency.getInstance("JPY");

	@Test
	void earnsPerWholeCurrencyUnitRoundedDown() {
		assertThat(EarnCalculation.units(new Money(4990, EUR), BigDecimal.ONE)).isEqualTo(49);
		assertThat(EarnCalculation.units(new Money(99, EUR), BigDecimal.ONE)).isZero();
		assertThat(EarnCalculation.units(new Money(4990, EUR), new BigDecimal("2.5"))).isEqualTo(124);
		assertThat(EarnCalculation.units(new Money(1500, JPY), new BigDecimal("0.01"))).isEqualTo(15);
	}

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

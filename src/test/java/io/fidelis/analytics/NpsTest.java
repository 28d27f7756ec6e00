package io.fidelis.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The NPS formula on hand-computed answers. */
class NpsTest {

	@Test
	void isTheShareOfPromotersLessTheShareOfDetractors() {
		// 5 promoters, 3 passives, 2 detractors of 10: 50 % - 20 % = 30.
		assertThat(new Nps(5, 3, 2).score()).isEqualByComparingTo("30.0");
		// 1 promoter, 1 passive, 1 detractor: 0; 2 of 3 promoters: 66.7; all detractors: -100.
		assertThat(new Nps(1, 1, 1).score()).isEqualByComparingTo("0.0");
		assertThat(new Nps(2, 1, 0).score()).isEqualByComparingTo(new BigDecimal("66.7"));
		assertThat(new Nps(0, 0, 4).score()).isEqualByComparingTo("-100.0");
		assertThat(new Nps(0, 7, 0).score()).isEqualByComparingTo("0.0");
		assertThat(Nps.NONE.score()).isNull();
	}

	@Test
	void scoresNineAndTenPromoteSevenAndEightArePassiveTheRestDetract() {
		for (int score = 0; score <= 10; score++) {
			Nps one = Nps.of(score);
			assertThat(one.answers()).isEqualTo(1);
			assertThat(one.promoters()).as("score " + score).isEqualTo(score >= 9 ? 1 : 0);
			assertThat(one.passives()).as("score " + score).isEqualTo(score == 7 || score == 8 ? 1 : 0);
			assertThat(one.detractors()).as("score " + score).isEqualTo(score <= 6 ? 1 : 0);
		}
		assertThatThrownBy(() -> Nps.of(11)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Nps.of(-1)).isInstanceOf(IllegalArgumentException.class);
	}
}

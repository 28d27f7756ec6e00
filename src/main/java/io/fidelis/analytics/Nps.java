package io.fidelis.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Net Promoter Score of a set of survey answers: the share of promoters (9 or 10) less the share of detractors (0 to
 * 6), in points from -100 to 100, to one decimal; passives (7 or 8) count in the answers only. Null without answers.
 */
record Nps(long promoters, long passives, long detractors) {

	static final Nps NONE = new Nps(0, 0, 0);

	long answers() {
		return promoters + passives + detractors;
	}

	BigDecimal score() {
		if (answers() == 0) {
			return null;
		}
		return BigDecimal.valueOf((promoters - detractors) * 100L)
			.divide(BigDecimal.valueOf(answers()), 1, RoundingMode.HALF_UP);
	}

	/** The answer of one score, 0 to 10. */
	static Nps of(int score) {
		if (score < 0 || score > 10) {
			throw new IllegalArgumentException("a score is from 0 to 10: " + score);
		}
		return score >= 9 ? new Nps(1, 0, 0) : score >= 7 ? new Nps(0, 1, 0) : new Nps(0, 0, 1);
	}
}

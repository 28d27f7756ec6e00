package io.fidelis.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The RFM segments, named by a member's recency score R and the sum S of their frequency and spend scores (each 1 to
 * 5, 5 the best fifth of the tenant's buying members):
 * <pre>
 *             S 2-5 (low)      S 6-7            S 8-10 (high)
 *   R 4-5     promising        loyal            champions
 *   R 3       need_attention   loyal            loyal
 *   R 2       hibernating      at_risk          at_risk
 *   R 1       lost             at_risk          at_risk
 * </pre>
 * Champions bought recently, often and much; at risk bought often or much, but long ago; lost bought little, long
 * ago: the members a win-back campaign goes to.
 */
enum Segment {

	CHAMPIONS, LOYAL, PROMISING, NEED_ATTENTION, AT_RISK, HIBERNATING, LOST;

	static final Set<String> NAMES = Arrays.stream(values()).map(Segment::code).collect(Collectors.toUnmodifiableSet());

	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Segment of(int recency, int frequency, int monetary) {
		int sum = frequency + monetary;
		if (recency >= 4) {
			return sum >= 8 ? CHAMPIONS : sum >= 6 ? LOYAL : PROMISING;
		}
		if (recency == 3) {
			return sum >= 6 ? LOYAL : NEED_ATTENTION;
		}
		if (sum >= 6) {
			return AT_RISK;
		}
		return recency == 2 ? HIBERNATING : LOST;
	}
}

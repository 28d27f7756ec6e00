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
 * ago: the members a win-back campaign goes to. {@link RfmSegments} applies the grid, in SQL.
 */
enum Segment {

	CHAMPIONS, LOYAL, PROMISING, NEED_ATTENTION, AT_RISK, HIBERNATING, LOST;

	static final Set<String> NAMES = Arrays.stream(values()).map(Segment::code).collect(Collectors.toUnmodifiableSet());

	String code() {
		return name().toLowerCase(Locale.ROOT);
	}
}

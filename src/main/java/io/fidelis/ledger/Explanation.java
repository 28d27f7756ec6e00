package io.fidelis.ledger;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a transaction happened, stored with it: a message code ({@code earn.purchase}), the facts behind it
 * ({@code points=49}, {@code amount=49.90 EUR}) and, when rules decided, one line per rule considered. Operators read
 * all of it; members read the sentence the code and facts make in their language (see {@code messages.properties})
 * and the rules that gave them something.
 */
public record Explanation(String code, Map<String, String> details, List<Line> lines) {

	public Explanation {
		// Sorted, so that the stored JSON and the API's answers list the facts in one order.
		details = Collections.unmodifiableMap(new TreeMap<>(details));
		lines = lines == null ? List.of() : List.copyOf(lines);
	}

	public Explanation(String code, Map<String, String> details) {
		this(code, details, List.of());
	}

	/**
	 * One rule's part: it fired and gave {@code points} ({@code computation} says how), or it did not
	 * ({@code reason} says why).
	 */
	public record Line(String ruleId, String rule, int version, boolean fired, long points, String computation,
			String reason) {
	}
}

package io.fidelis.ledger;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a transaction happened, stored with it: a message code ({@code earn.purchase}) and the facts behind it
 * ({@code points=49}, {@code amount=49.90 EUR}). Operators read the facts; members read the sentence the code and
 * facts make in their language (see {@code messages.properties}).
 */
public record Explanation(String code, Map<String, String> details) {

	public Explanation {
		// Sorted, so that the stored JSON and the API's answers list the facts in one order.
		details = Collections.unmodifiableMap(new TreeMap<>(details));
	}
}

package io.fidelis.ledger;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An explanation as the API shows it: the code, facts and rule lines for operators and programs, the sentence for
 * members.
 */
public record ExplanationView(String code, Map<String, String> details,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Explanation.Line> rules, String text) {
}

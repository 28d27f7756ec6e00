package io.fidelis.ledger;

import java.util.Map;

/** An explanation as the API shows it: the code and facts for operators and programs, the sentence for members. */
public record ExplanationView(String code, Map<String, String> details, String text) {
}

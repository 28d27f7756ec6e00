package io.fidelis.ledger;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link Explanation} into the plain sentence a member reads, in their language: the message of its code
 * ({@code explanation.earn.purchase} in {@code messages*.properties}) with {@code {name}} replaced by its details.
 */
@Component
public class ExplanationTexts {

	/** The detail naming a program's unit ({@code points}, {@code stamps}), translated like the sentence. */
	public static final String UNIT = "unit";
	/** Details whose values are words to translate too: {@code unit.points}, {@code activity.review}. */
	private static final Set<String> TRANSLATED = Set.of(UNIT, "activity");

	private final MessageSource messages;

	ExplanationTexts(MessageSource messages) {
		this.messages = messages;
	}

	public ExplanationView view(Explanation explanation, Locale locale) {
		return new ExplanationView(explanation.code(), explanation.details(), explanation.lines(),
				render(explanation, locale));
	}

	public String render(Explanation explanation, Locale locale) {
		String text = messages.getMessage("explanation." + explanation.code(), null, explanation.code(), locale);
		for (Map.Entry<String, String> detail : explanation.details().entrySet()) {
			String value = TRANSLATED.contains(detail.getKey()) ? messages.getMessage(
					detail.getKey() + "." + detail.getValue(), null, detail.getValue(), locale) : detail.getValue();
			text = text.replace("{" + detail.getKey() + "}", value);
		}
		// The rules that gave something, by the names the operator gave them: "Base points 49, Weekend ×2 +49" (a rule
		// that gave a reward, by its name alone).
		String fired = explanation.lines()
			.stream()
			.filter(Explanation.Line::fired)
			.map(line -> line.points() == 0 ? line.rule() : line.rule() + " " + line.points())
			.collect(Collectors.joining(", "));
		return fired.isEmpty() ? text : text + ": " + fired;
	}
}

package io.fidelis.ledger;

import java.util.Locale;
import java.util.Map;

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

	private final MessageSource messages;

	ExplanationTexts(MessageSource messages) {
		this.messages = messages;
	}

	public ExplanationView view(Explanation explanation, Locale locale) {
		return new ExplanationView(explanation.code(), explanation.details(), render(explanation, locale));
	}

	public String render(Explanation explanation, Locale locale) {
		String text = messages.getMessage("explanation." + explanation.code(), null, explanation.code(), locale);
		for (Map.Entry<String, String> detail : explanation.details().entrySet()) {
			String value = detail.getKey().equals(UNIT) ? messages.getMessage("unit." + detail.getValue(), null,
					detail.getValue(), locale) : detail.getValue();
			text = text.replace("{" + detail.getKey() + "}", value);
		}
		return text;
	}
}

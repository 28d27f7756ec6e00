package io.fidelis.program;

import java.util.Locale;

/** What a program's unit is: points, stamps on a card, or cashback credit (money kept for the member). */
public enum ProgramKind {

	POINTS, STAMPS, CASHBACK;

	/** The unit's name in the API and in explanations: {@code points}, {@code stamps}, {@code cashback}. */
	public String unit() {
		return name().toLowerCase(Locale.ROOT);
	}
}

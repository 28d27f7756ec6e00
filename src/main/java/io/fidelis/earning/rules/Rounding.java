package io.fidelis.earning.rules;

import java.math.RoundingMode;

/** How a fractional number of units becomes whole: down (the default), half up, or up. */
public enum Rounding {

	DOWN(RoundingMode.DOWN), HALF_UP(RoundingMode.HALF_UP), UP(RoundingMode.UP);

	private final RoundingMode mode;

	Rounding(RoundingMode mode) {
		this.mode = mode;
	}

	RoundingMode mode() {
		return mode;
	}

	static Rounding orDown(Rounding rounding) {
		return rounding == null ? DOWN : rounding;
	}

	String words() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}
}

package io.fidelis.web.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

import io.fidelis.shared.BusinessException;

/** Form fields as the screens read them: blank is absent, and a bad value names its field. */
final class ScreenFields {

	static final Set<String> LANGUAGES = Set.of("en", "fr");

	private ScreenFields() {
	}

	/** A date such as 2027-01-31, or null when left blank. */
	static LocalDate day(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException notADate) {
			throw BusinessException.invalid(field, "must be a date such as 2027-01-31");
		}
	}

	/** Text of at most {@code max} characters, or null when left blank. */
	static String text(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.strip().length() > max) {
			throw BusinessException.invalid(field, "must be at most " + max + " characters");
		}
		return value.strip();
	}
}

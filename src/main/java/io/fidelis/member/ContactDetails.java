package io.fidelis.member;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normal forms of contact details, so that one person typed two ways is still one member: e-mail addresses in
 * lower case, phone numbers in E.164 ({@code +33612345678}).
 */
final class ContactDetails {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
	private static final int MAX_EMAIL_LENGTH = 254;
	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private ContactDetails() {
	}

	static Optional<String> email(String typed) {
		String email = typed.trim().toLowerCase(Locale.ROOT);
		return email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches() ? Optional.of(email)
				: Optional.empty();
	}

	/**
	 * @param country the ISO 3166 country to read numbers without a {@code +} prefix in
	 */
	static Optional<String> phone(String typed, String country) {
		if (typed.length() > 32) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = PHONES.parse(typed, country);
			return PHONES.isValidNumber(number) ? Optional.of(PHONES.format(number, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException notANumber) {
			return Optional.empty();
		}
	}
}

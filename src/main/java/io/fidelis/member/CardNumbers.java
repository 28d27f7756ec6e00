package io.fidelis.member;

import java.security.SecureRandom;

/**
 * Card numbers are EAN-13 codes in the GS1 prefix 29, which is reserved for numbers used inside one business: any
 * till scanner reads them as a barcode, and the check digit catches a mistyped digit or most swapped pairs.
 */
final class CardNumbers {

	private static final String PREFIX = "29";
	private static final SecureRandom RANDOM = new SecureRandom();

	private CardNumbers() {
	}

	static String next() {
		StringBuilder digits = new StringBuilder(PREFIX);
		while (digits.length() < 12) {
			digits.append(RANDOM.nextInt(10));
		}
		return digits.append(checkDigit(digits)).toString();
	}

	static boolean isValid(String candidate) {
		return candidate != null && candidate.length() == 13 && candidate.chars().allMatch(c -> c >= '0' && c <= '9')
				&& candidate.charAt(12) - '0' == checkDigit(candidate.substring(0, 12));
	}

	/** EAN-13: digits weighted 1, 3, 1, 3... from the left; the check digit tops the sum up to a multiple of 10. */
	static int checkDigit(CharSequence twelveDigits) {
		int sum = 0;
		for (int i = 0; i < 12; i++) {
			sum += (twelveDigits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
		}
		return (10 - sum % 10) % 10;
	}
}

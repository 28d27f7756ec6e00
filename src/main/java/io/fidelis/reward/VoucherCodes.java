package io.fidelis.reward;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Voucher codes: a prefix and random characters from an alphabet without the ones people misread (0 and O, 1, I and
 * L), drawn from a cryptographic generator so that codes cannot be guessed from others. Ten characters give 31^10,
 * about 8 x 10^14, codes.
 */
final class VoucherCodes {

	static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	static final int DEFAULT_LENGTH = 10;

	private static final SecureRandom random = new SecureRandom();

	private VoucherCodes() {
	}

	static String next(String prefix, int length) {
		StringBuilder code = new StringBuilder(prefix == null ? "" : prefix);
		for (int i = 0; i < length; i++) {
			code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/** Codes are kept upper case; a till may send them in any case. */
	static String normalize(String code) {
		return code.strip().toUpperCase(Locale.ROOT);
	}
}

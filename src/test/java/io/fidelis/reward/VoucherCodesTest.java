package io.fidelis.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class VoucherCodesTest {

	@Test
	void codesHaveThePrefixAndLengthAndNoAmbiguousCharacters() {
		for (int i = 0; i < 1000; i++) {
			String code = VoucherCodes.next("FID-", 10);
			assertThat(code).hasSize(14).startsWith("FID-");
			assertThat(code.substring(4)).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}").doesNotContain("0", "O",
					"1", "I", "L");
		}
	}

	@Test
	void codesDoNotRepeat() {
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			codes.add(VoucherCodes.next("", 8));
		}
		// 31^8 is about 8.5 x 10^11: a repeat among 100,000 has a chance of about 6 in a million.
		assertThat(codes).hasSize(100_000);
	}

	@Test
	void tillsMayTypeCodesInAnyCase() {
		assertThat(VoucherCodes.normalize(" fid-abc23 ")).isEqualTo("FID-ABC23");
	}
}

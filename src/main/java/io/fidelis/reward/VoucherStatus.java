package io.fidelis.reward;

/** Where a voucher stands. An issued voucher past its expiry is {@code EXPIRED}; the others are final. */
public enum VoucherStatus {
	ISSUED, REDEEMED, CANCELLED, EXPIRED
}

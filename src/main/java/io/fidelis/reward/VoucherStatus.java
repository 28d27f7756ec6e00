package io.fidelis.reward;

/**
 * Where a voucher stands. An issued voucher past its expiry is {@code EXPIRED}; one a till holds for a checkout is
 * {@code HELD} until the hold ends; {@code REDEEMED} and {@code CANCELLED} are final.
 */
public enum VoucherStatus {
	ISSUED, HELD, REDEEMED, CANCELLED, EXPIRED
}

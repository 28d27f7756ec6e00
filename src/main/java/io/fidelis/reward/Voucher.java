package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

/**
 * A single-use code a member received for a reward, burnt at a till.
 *
 * @param storedStatus as stored: {@code ISSUED}, {@code REDEEMED} or {@code CANCELLED}; see {@link #status(Instant)}
 * @param discount minor units taken off the basket it was redeemed on (null until then)
 */
record Voucher(UUID id, String code, UUID redemptionId, UUID rewardId, UUID memberId, VoucherStatus storedStatus,
		VoucherOffer offer, Instant expiresAt, Instant createdAt, Instant redeemedAt, String redeemedStore,
		String redeemedReference, Long discount, Instant cancelledAt) {

	/** The status at {@code now}: an issued voucher past its expiry has expired. */
	VoucherStatus status(Instant now) {
		return storedStatus == VoucherStatus.ISSUED && expiresAt != null && !now.isBefore(expiresAt)
				? VoucherStatus.EXPIRED : storedStatus;
	}
}

package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

/**
 * A single-use code a member received for a reward, burnt at a till.
 *
 * @param storedStatus as stored: {@code ISSUED}, {@code REDEEMED} or {@code CANCELLED}; see {@link #status(Instant)}
 * @param discount minor units taken off the basket it was redeemed on (null until then)
 * @param holdId the checkout hold on it, until {@code heldUntil} (both null when none was ever placed)
 */
record Voucher(UUID id, String code, UUID redemptionId, UUID rewardId, UUID memberId, VoucherStatus storedStatus,
		VoucherOffer offer, Instant expiresAt, Instant createdAt, Instant redeemedAt, String redeemedStore,
		String redeemedReference, Long discount, Instant cancelledAt, UUID holdId, Instant heldUntil) {

	/**
	 * The status at {@code now}: an issued voucher past its expiry has expired; one under a hold that has not ended is
	 * held (a hold ends by itself at {@code heldUntil}: nothing needs to run for it).
	 */
	VoucherStatus status(Instant now) {
		if (storedStatus != VoucherStatus.ISSUED) {
			return storedStatus;
		}
		if (expiresAt != null && !now.isBefore(expiresAt)) {
			return VoucherStatus.EXPIRED;
		}
		return heldUntil != null && now.isBefore(heldUntil) ? VoucherStatus.HELD : VoucherStatus.ISSUED;
	}
}

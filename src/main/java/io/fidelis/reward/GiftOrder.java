package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

/** The order a physical gift's redemption makes, which operators fulfil. */
record GiftOrder(UUID id, UUID redemptionId, UUID rewardId, UUID memberId, int quantity, GiftOrderStatus status,
		Shipping shipping, String carrier, String trackingNumber, Instant createdAt, Instant updatedAt) {
}

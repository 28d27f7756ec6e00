package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.Money;

/** A purchase as stored: {@code memberId} is null for an anonymous sale. */
record Purchase(UUID id, String transactionId, UUID memberId, Instant occurredAt, Money amount, String storeId,
		String channel) {
}

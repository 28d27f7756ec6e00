package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

/** What is left of one credit to a member account ({@code remaining} of {@code amount}), and when it expires. */
record Lot(UUID id, UUID accountId, UUID memberId, UUID originTransactionId, long amount, long remaining,
		Instant earnedAt, Instant expiresAt, Instant activatesAt) {
}

package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Money;

/**
 * Units a member paid part of a basket with, at their program's unit value.
 *
 * @param discount what the units took off {@code basket}
 * @param transactionId the debit of a payment made at once (null for a held one)
 * @param holdId the ledger hold of a held payment (null for one made at once)
 * @param reference the till's reference for the checkout
 */
record PointPayment(UUID id, ProgramId programId, UUID memberId, long points, Money discount, Money basket,
		String store, String reference, PointPaymentStatus status, UUID transactionId, UUID holdId,
		UUID refundTransactionId, Instant createdAt, Instant refundedAt) {
}

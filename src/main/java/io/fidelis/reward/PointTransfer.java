package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;

/**
 * Units one member gave another of the same tenant and program (family pooling).
 *
 * @param note what the giver wrote for the receiver (may be null)
 * @param transactionId the receiver's side of the ledger's transfer
 */
record PointTransfer(UUID id, ProgramId programId, UUID fromMemberId, UUID toMemberId, long points, String note,
		UUID transactionId, Instant createdAt) {
}

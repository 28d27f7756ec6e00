package io.fidelis.ledger;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;

/**
 * One transaction as the member it concerns sees it: how it changed their available and pending balances.
 *
 * @param reversalOf the earn a clawback took back from, or null
 */
public record StatementLine(UUID transactionId, ProgramId program, TransactionKind kind, long availableChange,
		long pendingChange, String reference, UUID reversalOf, Instant occurredAt, Instant createdAt,
		Explanation explanation) {
}

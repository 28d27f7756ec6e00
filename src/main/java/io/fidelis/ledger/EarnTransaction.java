package io.fidelis.ledger;

import java.util.UUID;

import io.fidelis.program.ProgramId;

/** An earn as recorded in the ledger: which program, which member, how many units. */
public record EarnTransaction(UUID transactionId, ProgramId program, UUID memberId, long amount) {
}

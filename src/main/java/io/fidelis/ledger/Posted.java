package io.fidelis.ledger;

import java.util.UUID;

/**
 * The outcome of a ledger operation: the transaction written and the units it moved. A clawback with nothing left to
 * take writes no transaction: {@code transactionId} is null and {@code amount} 0.
 */
public record Posted(UUID transactionId, long amount) {
}

package io.fidelis.ledger;

import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * A member's available balance in a program grew: units were credited to it, or pending units became available.
 * Published inside the ledger's transaction, while the member's accounts are locked, so that a listener sees the new
 * balance and may spend it in the same transaction (a full stamp card turning into its reward).
 *
 * @param reference the reference of the transaction that made them available
 */
public record UnitsAvailable(TenantId tenant, ProgramId program, UUID memberId, String reference) {
}

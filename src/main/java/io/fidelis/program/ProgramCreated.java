package io.fidelis.program;

import io.fidelis.shared.TenantId;

/** A program was created; handled synchronously, in the same transaction, so its ledger accounts exist with it. */
public record ProgramCreated(TenantId tenantId, ProgramId programId) {
}

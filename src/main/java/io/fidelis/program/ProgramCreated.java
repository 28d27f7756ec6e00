package io.fidelis.program;

import io.fidelis.shared.TenantId;

/**
 * A program was created; handled synchronously, in the same transaction, so that what it needs (ledger accounts, a
 * first rule) exists with it.
 *
 * @param tenantDefault whether it is the points program every new tenant starts with
 */
public record ProgramCreated(TenantId tenantId, ProgramId programId, boolean tenantDefault) {
}

package io.fidelis.member;

import java.time.Instant;

import io.fidelis.shared.TenantId;

/**
 * A duplicate member was merged into the survivor. Published inside the merge's transaction, with both member rows
 * locked: the modules holding something of the duplicate's (the ledger's balances, vouchers, counts) move it to the
 * survivor in their listeners, and a module that must refuse the merge throws, which rolls all of it back.
 *
 * @param reference the merge's idempotency key, the outside reference of the ledger transactions it writes
 */
public record MembersMerged(TenantId tenantId, MemberId survivorId, MemberId duplicateId, String reference,
		Instant mergedAt) {
}

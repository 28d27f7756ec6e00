package io.fidelis.tenant;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/**
 * A person who runs a tenant's programs in the back-office or serves members at the till.
 *
 * @param lockedUntil when a lock after repeated failed log-ins ends, or null
 * @param disabled an owner took this operator's access away
 */
public record Operator(TenantId tenantId, UUID id, String email, String name, Role role, boolean disabled,
		Instant lockedUntil, Instant lastLoginAt, Instant createdAt) {

	public boolean may(Permission permission) {
		return !disabled && role.may(permission);
	}

	public boolean lockedAt(Instant now) {
		return lockedUntil != null && lockedUntil.isAfter(now);
	}
}

package io.fidelis.shared;

import java.util.UUID;

/** Identifies a tenant: a business running its loyalty programs on Fidelis. Every row and every query carries one. */
public record TenantId(UUID value) {

	public TenantId {
		if (value == null) {
			throw new IllegalArgumentException("tenant id is required");
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}
}

package io.fidelis.web;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

import io.fidelis.shared.TenantId;

/**
 * Who a session belongs to: only identifiers, kept in the session. The operator's role and state are read afresh on
 * every request ({@link CurrentOperatorFilter}), so a change of role or a disabled account takes effect at once.
 */
record SignedInOperator(UUID tenantId, UUID operatorId, String email) implements AuthenticatedPrincipal, Serializable {

	/** The operator's id: what the sessions table indexes as the principal's name (at most 100 characters). */
	@Override
	public String getName() {
		return operatorId.toString();
	}

	TenantId tenant() {
		return new TenantId(tenantId);
	}
}

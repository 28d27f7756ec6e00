package io.fidelis.tenant;

import java.util.Set;
import java.util.UUID;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/**
 * Who is calling the API: the tenant and API key of the request, resolved from its bearer token. Controllers declare
 * it as a parameter and check the scope their operation needs.
 *
 * @param storeId the store this key is bound to (a till's key), or null for a key of the whole tenant
 */
public record Caller(TenantId tenantId, UUID apiKeyId, Set<Scope> scopes, String storeId) {

	public Caller {
		scopes = Set.copyOf(scopes);
	}

	/**
	 * The store a request acts for: a key bound to a store speaks for that store only (the one it names, or none
	 * named); a key of the whole tenant, for the store the request names, if any.
	 */
	public String store(String named) {
		if (storeId == null || storeId.equals(named)) {
			return named;
		}
		if (named == null) {
			return storeId;
		}
		throw new BusinessException(ErrorCode.INSUFFICIENT_SCOPE,
				"This API key belongs to store '" + storeId + "', not '" + named + "'");
	}

	public TenantId require(Scope scope) {
		if (!scopes.contains(scope)) {
			throw new BusinessException(ErrorCode.INSUFFICIENT_SCOPE, "This API key lacks the scope '" + scope + "'");
		}
		return tenantId;
	}
}

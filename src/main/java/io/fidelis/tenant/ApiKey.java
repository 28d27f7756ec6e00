package io.fidelis.tenant;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as stored: its secret is never kept, only a hash of it and a prefix that lets people recognise it.
 *
 * @param storeId the store this key is bound to, or null
 */
public record ApiKey(UUID id, String name, String prefix, Set<Scope> scopes, String storeId, Instant createdAt,
		Instant revokedAt) {
}

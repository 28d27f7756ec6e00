package io.fidelis.tenant;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as stored: its secret is never kept, only a hash of it and a prefix that lets people recognise it.
 *
 * @param storeId the store this key is bound to, or null
 * @param lastUsedAt when a request last authenticated with it, to within {@link ApiKeys#LAST_USE_PRECISION} (null:
 *        never, or not since Fidelis records it)
 */
public record ApiKey(UUID id, String name, String prefix, Set<Scope> scopes, String storeId, Instant createdAt,
		Instant revokedAt, Instant lastUsedAt) {
}

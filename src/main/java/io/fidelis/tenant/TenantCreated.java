package io.fidelis.tenant;

import java.util.Currency;

import io.fidelis.shared.TenantId;

/** A tenant was created; handled synchronously, in the same transaction, to give it its defaults. */
public record TenantCreated(TenantId tenantId, String slug, Currency currency) {
}

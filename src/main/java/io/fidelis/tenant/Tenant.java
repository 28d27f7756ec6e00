package io.fidelis.tenant;

import java.time.Instant;
import java.util.Currency;

import io.fidelis.shared.TenantId;

/**
 * A business running its loyalty programs on Fidelis.
 *
 * @param country ISO 3166 country whose numbering plan applies to phone numbers given without a +country prefix
 */
public record Tenant(TenantId id, String slug, String name, Currency currency, String country, Instant createdAt) {
}

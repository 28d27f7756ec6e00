package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/** A campaign's rules no longer apply (published once, by the campaign job). */
public record CampaignEnded(TenantId tenantId, UUID programId, UUID campaignId, String code, Instant endsAt) {
}

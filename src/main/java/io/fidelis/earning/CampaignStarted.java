package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/** A campaign's rules apply from now on (published once, by the campaign job, for messaging to tell members). */
public record CampaignStarted(TenantId tenantId, UUID programId, UUID campaignId, String code, Instant startsAt) {
}

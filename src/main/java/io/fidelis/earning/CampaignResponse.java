package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.earning.rules.Audience;

/**
 * A campaign as the API shows it ({@link Campaigns#response}), and as the audit log keeps it before and after an
 * operator's change: with its status now and the units its budget gave so far.
 */
public record CampaignResponse(UUID id, String program, String code, String name, String description,
		Instant startsAt, Instant endsAt, String status, Long budget, long spent, Audience audience, Instant createdAt,
		Instant updatedAt) {
}

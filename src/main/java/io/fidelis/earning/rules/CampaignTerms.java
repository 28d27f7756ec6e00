package io.fidelis.earning.rules;

import java.time.Instant;
import java.util.UUID;

/** What a campaign imposes on its rules: its dates, its budget and its audience (null: none, everyone). */
public record CampaignTerms(UUID id, String code, String name, Instant startsAt, Instant endsAt, Long budget,
		Audience audience) {
}

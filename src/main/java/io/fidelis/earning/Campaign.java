package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.earning.rules.Audience;
import io.fidelis.earning.rules.CampaignTerms;

/**
 * A named, time-boxed set of rules ("double points weekend"), with an optional budget in units that all its rules
 * share and an optional audience. Its rules apply only between {@code startsAt} (inclusive) and {@code endsAt}
 * (exclusive), and only to members in its audience.
 */
public record Campaign(UUID id, UUID programId, String code, String name, String description, Instant startsAt,
		Instant endsAt, Long budget, Audience audience, Instant createdAt, Instant updatedAt) {

	public CampaignTerms terms() {
		return new CampaignTerms(id, code, name, startsAt, endsAt, budget, audience);
	}

	/** Scheduled, running or ended at {@code now}. */
	public String status(Instant now) {
		return now.isBefore(startsAt) ? "scheduled" : now.isBefore(endsAt) ? "running" : "ended";
	}
}

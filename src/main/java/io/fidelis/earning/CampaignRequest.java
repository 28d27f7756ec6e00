package io.fidelis.earning;

import java.time.OffsetDateTime;

import io.fidelis.earning.rules.Audience;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A campaign as the API and the back-office write it. On creation the code is required; on update it is the one in
 * the URL and may be left out.
 */
public record CampaignRequest(@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
		message = "must be 1 to 32 lower-case letters, digits, '-' or '_'") String code,
		@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
		@NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
		@Min(1) @Max(1_000_000_000_000L) Long budget, @Valid Audience audience) {

	public Campaigns.Terms terms(String campaignCode) {
		return new Campaigns.Terms(campaignCode, name, description, startsAt.toInstant(), endsAt.toInstant(), budget,
				audience);
	}
}

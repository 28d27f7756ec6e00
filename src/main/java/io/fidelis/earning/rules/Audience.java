package io.fidelis.earning.rules;

import io.fidelis.member.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The members a campaign is for: its rules fire for them only. A purchase without a member is in no audience.
 *
 * @param labels the labels a member of the audience carries
 */
public record Audience(@NotNull @Valid Labels labels) {

	/** Why this member is not in the audience, or null if they are. */
	String failure(MemberFacts member) {
		return labels.failure(member.labels());
	}
}

package io.fidelis.earning.rules;

import java.util.List;

import io.fidelis.member.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The members a campaign is for: its rules fire for them only. A purchase without a member is in no audience. Each of
 * the criteria given must hold.
 *
 * @param labels the labels a member of the audience carries
 * @param tiers the tiers of the program a member of the audience is in, one of them
 * @param segments the RFM segments a member of the audience is in, one of them ({@code champions}...)
 */
public record Audience(@Valid Labels labels, @Size(max = 20) List<@NotBlank @Size(max = 32) String> tiers,
		@Size(max = 20) List<@NotBlank @Size(max = 32) String> segments) {

	/** Why this member is not in the audience, or null if they are. */
	String failure(MemberFacts member) {
		if (labels != null) {
			String outside = labels.failure(member.labels());
			if (outside != null) {
				return outside;
			}
		}
		String outside = tiers == null ? null : member.outsideTiers(tiers);
		return outside != null || segments == null ? outside : member.outsideSegments(segments);
	}
}

package io.fidelis.earning.rules;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the rules may look at in the member an event credits.
 *
 * @param purchases how many purchases the member has made, the one being evaluated included; may be left 0 when no
 *        rule looks at it ({@link RuleSet#looksAtPurchases()})
 * @param labels the member's labels; may be left empty when no rule looks at labels ({@link RuleSet#looksAtLabels()})
 * @param tier the code of the member's tier in the program; null if the program has no tiers
 * @param segment the member's RFM segment ({@code champions}...); null if in none, or when no rule looks at it
 *        ({@link RuleSet#looksAtSegments()})
 */
public record MemberFacts(UUID memberId, LocalDate birthDate, long purchases, String locale, Set<String> labels,
		String tier, String segment) {

	public MemberFacts {
		labels = labels == null ? Set.of() : Set.copyOf(labels);
	}

	/** Why the member is in none of these tiers of the program, or null if they are in one. */
	String outsideTiers(Collection<String> tiers) {
		if (tier != null && tiers.contains(tier)) {
			return null;
		}
		return tier == null ? "the program has no tiers" : "the member's tier " + tier + " is not one of " + sorted(tiers);
	}

	/** Why the member is in none of these segments, or null if they are in one. */
	String outsideSegments(Collection<String> segments) {
		if (segment != null && segments.contains(segment)) {
			return null;
		}
		return segment == null ? "the member is in no segment"
				: "the member's segment " + segment + " is not one of " + sorted(segments);
	}

	private static String sorted(Collection<String> values) {
		return new TreeSet<>(values).toString();
	}
}

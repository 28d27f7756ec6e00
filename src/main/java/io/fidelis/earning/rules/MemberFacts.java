package io.fidelis.earning.rules;

import java.time.LocalDate;
import java.util.Set;
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
}

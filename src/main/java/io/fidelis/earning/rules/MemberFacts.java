package io.fidelis.earning.rules;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the rules may look at in the member an event credits.
 *
 * @param purchases how many purchases the member has made, the one being evaluated included
 */
public record MemberFacts(UUID memberId, LocalDate birthDate, long purchases, String locale) {
}

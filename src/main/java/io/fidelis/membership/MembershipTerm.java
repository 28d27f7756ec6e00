package io.fidelis.membership;

import java.time.Instant;
import java.time.ZoneOffset;

/** How long one paid term of a plan lasts. */
public enum MembershipTerm {

	MONTHLY, YEARLY,

	/** A fixed number of days: a one-time subscription, which does not renew by itself. */
	DAYS;

	/** When a term that starts at {@code start} ends; months and years are calendar ones in UTC. */
	Instant end(Instant start, Integer days) {
		switch (this) {
			case MONTHLY:
				return start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
			case YEARLY:
				return start.atZone(ZoneOffset.UTC).plusYears(1).toInstant();
			default:
				return start.atZone(ZoneOffset.UTC).plusDays(days).toInstant();
		}
	}
}

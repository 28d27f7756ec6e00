package io.fidelis.earning.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Grants what a rule's limits and budgets still allow: all of {@code points}, part of them, or none. The real gate
 * counts what it grants in the event's transaction, so that limits hold under concurrency.
 */
public interface LimitGate {

	/** A gate for rules without limits, and for benchmarks. */
	LimitGate UNLIMITED = (rule, memberId, occurredAt, zone, points) -> new Grant(points, null);

	Grant grant(CompiledRule rule, UUID memberId, Instant occurredAt, ZoneId zone, long points);

	/** The units granted, and if fewer than asked, which limit said so. */
	record Grant(long points, String limitedBy) {
	}
}

package io.fidelis.earning;

import java.time.Instant;

import io.fidelis.earning.rules.RuleDefinition;

/** One version of a rule in its history: what it was, and who changed it how and when. */
public record RuleVersion(int version, boolean active, RuleDefinition definition, Change change, String changedBy,
		Instant changedAt) {

	/** How a version came about. */
	public enum Change {
		CREATED, UPDATED, DEACTIVATED, ACTIVATED
	}
}

package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.earning.rules.RuleDefinition;

/** A rule as the API shows it, and as the audit log keeps it before and after an operator's change. */
public record RuleResponse(UUID id, String program, int version, boolean active, RuleDefinition definition,
		Instant createdAt, Instant updatedAt) {

	public static RuleResponse of(String program, Rule rule) {
		return new RuleResponse(rule.id(), program, rule.version(), rule.active(), rule.definition(),
				rule.createdAt(), rule.updatedAt());
	}
}

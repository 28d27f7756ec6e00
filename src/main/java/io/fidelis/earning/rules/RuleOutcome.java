package io.fidelis.earning.rules;

import java.util.UUID;

/**
 * What one rule did with an event: fired and gave {@code points} (and how: {@code computation}), or did not fire
 * ({@code reason}).
 */
public record RuleOutcome(UUID ruleId, String rule, int version, boolean fired, long points, String computation,
		String reason) {

	static RuleOutcome fired(CompiledRule rule, long points, String computation) {
		return new RuleOutcome(rule.id(), rule.name(), rule.version(), true, points, computation, null);
	}

	static RuleOutcome skipped(CompiledRule rule, String reason) {
		return new RuleOutcome(rule.id(), rule.name(), rule.version(), false, 0, null, reason);
	}
}

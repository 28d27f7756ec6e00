package io.fidelis.earning.rules;

import java.util.UUID;

/**
 * What one rule did with an event: fired and gave {@code points} (and how: {@code computation}) or a {@code reward},
 * or did not fire ({@code reason}).
 */
public record RuleOutcome(UUID ruleId, String rule, int version, boolean fired, long points, String computation,
		String reason, RewardIssue reward) {

	static RuleOutcome fired(CompiledRule rule, long points, String computation, RewardIssue reward) {
		return new RuleOutcome(rule.id(), rule.name(), rule.version(), true, points, computation, null, reward);
	}

	static RuleOutcome skipped(CompiledRule rule, String reason) {
		return new RuleOutcome(rule.id(), rule.name(), rule.version(), false, 0, null, reason, null);
	}

	/** The same rule, not fired after all: what it was to give could not be given ({@code reason}). */
	public RuleOutcome unfulfilled(String reason) {
		return new RuleOutcome(ruleId, rule, version, false, 0, computation, reason, null);
	}
}

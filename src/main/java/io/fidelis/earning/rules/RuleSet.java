package io.fidelis.earning.rules;

import java.util.List;

import io.fidelis.program.Program;

/** A program's active rules, compiled, in evaluation order. */
public record RuleSet(Program program, List<CompiledRule> rules) {

	public RuleSet {
		rules = rules.stream().sorted(CompiledRule.ORDER).toList();
	}

	/** Whether any rule may look at the member's labels: if none does, {@link MemberFacts} can go without them. */
	public boolean looksAtLabels() {
		return rules.stream().anyMatch(CompiledRule::looksAtLabels);
	}

	/** Whether any rule may look at the member's count of purchases: if none does, it need not be read. */
	public boolean looksAtPurchases() {
		return rules.stream().anyMatch(CompiledRule::looksAtPurchases);
	}

	/** Whether any rule may look at the member's segment: if none does, it need not be read. */
	public boolean looksAtSegments() {
		return rules.stream().anyMatch(CompiledRule::looksAtSegments);
	}

	/**
	 * Whether evaluating an event may do more than compute: a limit, budget or reward to take under a lock, or labels
	 * or a segment to read. Events of programs whose rules are all plain can be evaluated for many members at once.
	 */
	public boolean plain() {
		return rules.stream()
			.noneMatch(rule -> rule.limited() || rule.looksAtLabels() || rule.looksAtSegments()
					|| rule.effect() instanceof Effect.IssueReward);
	}

	/** The rules an event of this type may fire for this beneficiary, in evaluation order. */
	List<CompiledRule> candidates(String trigger, Beneficiary beneficiary) {
		return rules.stream()
			.filter(rule -> rule.trigger().equals(trigger) && rule.beneficiary() == beneficiary)
			.toList();
	}
}

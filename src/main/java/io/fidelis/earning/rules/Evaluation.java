package io.fidelis.earning.rules;

import java.util.List;

/** The rules' verdict on an event for one program: the units it earns, and every rule considered. */
public record Evaluation(long total, List<RuleOutcome> outcomes) {

	public Evaluation {
		outcomes = List.copyOf(outcomes);
	}

	public List<RuleOutcome> fired() {
		return outcomes.stream().filter(RuleOutcome::fired).toList();
	}

	/** Whether it gives anything: units, or rewards. */
	public boolean givesAnything() {
		return total > 0 || fired().stream().anyMatch(outcome -> outcome.reward() != null);
	}
}

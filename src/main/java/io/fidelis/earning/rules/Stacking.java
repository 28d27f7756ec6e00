package io.fidelis.earning.rules;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * How a rule combines with the others of its program, which are evaluated by priority: cumulative rules add up; an
 * exclusive rule that fires stops the rules after it; of the best-of rules of one group, only the one that gives
 * most applies. A group is weighed as one, where its first rule stands: an exclusive rule between two of its rules
 * does not split it.
 */
public record Stacking(@NotNull Mode mode, @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}") String group) {

	public static final Stacking CUMULATIVE = new Stacking(Mode.CUMULATIVE, null);

	public enum Mode {
		CUMULATIVE, EXCLUSIVE, BEST_OF
	}
}

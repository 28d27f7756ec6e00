package io.fidelis.earning;

import java.util.UUID;

import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.program.Program;

/**
 * A rule as an operator is writing it, not saved: what {@link Events#simulate(io.fidelis.shared.TenantId, String,
 * EventRequest, RuleDraft)} tries.
 *
 * @param ruleId the saved rule it would become the next version of; null for a new rule
 */
public record RuleDraft(Program program, UUID ruleId, RuleDefinition definition) {
}

package io.fidelis.earning.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;

/**
 * A rule made ready to evaluate: its definition with everything parsed once (sets, times, the CEL program) and its
 * effective validity (its own window within its campaign's).
 */
public record CompiledRule(UUID id, int version, Instant createdAt, RuleDefinition definition, Instant validFrom,
		Instant validTo, CampaignTerms campaign, Set<String> skus, Set<String> categories, Set<String> excludeSkus,
		Set<String> excludeCategories, Set<String> stores, Set<String> channels, Set<DayOfWeek> days,
		CelExpression expression) {

	/** Evaluation order: priority, then the older rule first. */
	static final Comparator<CompiledRule> ORDER = Comparator.comparingInt(CompiledRule::priority)
		.thenComparing(CompiledRule::createdAt)
		.thenComparing(CompiledRule::id);

	public String name() {
		return definition.name();
	}

	public String trigger() {
		return definition.trigger();
	}

	public int priority() {
		return definition.priorityOrDefault();
	}

	public Stacking stacking() {
		return definition.stackingOrDefault();
	}

	public Beneficiary beneficiary() {
		return definition.beneficiaryOrDefault();
	}

	public Limits limits() {
		return definition.limits();
	}

	public Effect effect() {
		return definition.effect();
	}

	public Conditions conditions() {
		return definition.conditions();
	}

	/** Whether granting it must go through the limit gate: it has limits, a budget, or a campaign with a budget. */
	public boolean limited() {
		return limits() != null || campaign != null && campaign.budget() != null;
	}

	/** Whether evaluating it may need the member's labels: a label condition, an expression, a campaign audience. */
	boolean looksAtLabels() {
		return conditions() != null && (conditions().labels() != null || conditions().expression() != null)
				|| campaign != null && campaign.audience() != null && campaign.audience().labels() != null;
	}

	/** Whether evaluating it may need the member's count of purchases: first or nth purchase, an expression. */
	boolean looksAtPurchases() {
		return conditions() != null && (conditions().firstPurchase() != null || conditions().nthPurchase() != null
				|| conditions().expression() != null);
	}

	/** Whether evaluating it may need the member's segment: a segment condition, an expression, an audience. */
	boolean looksAtSegments() {
		return conditions() != null && (conditions().segments() != null || conditions().expression() != null)
				|| campaign != null && campaign.audience() != null && campaign.audience().segments() != null;
	}

	boolean hasItemFilter() {
		return conditions() != null && conditions().items() != null;
	}

	boolean validAt(Instant at) {
		return (validFrom == null || !at.isBefore(validFrom)) && (validTo == null || at.isBefore(validTo));
	}
}

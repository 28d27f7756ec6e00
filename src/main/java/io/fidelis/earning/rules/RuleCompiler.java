package io.fidelis.earning.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.fidelis.program.Program;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Money;

/**
 * Checks a rule definition against its program and compiles it. What bean validation cannot see is checked here:
 * conditions and effects that do not fit the trigger or the program, contradictory settings, and the CEL expression,
 * whose compiler errors are {@link ErrorCode#INVALID_EXPRESSION}.
 */
public final class RuleCompiler {

	/** Events whose rules see a purchase's amount and basket. */
	public static final String PURCHASE = "purchase";
	/** The activity events every tenant has; tenants may declare more. */
	public static final Set<String> ACTIVITIES = Set.of("signup", "birthday", "review", "survey", "referral",
			"social_share", "event_checkin", "quiz");

	private RuleCompiler() {
	}

	/**
	 * @param triggers every event type the tenant's rules may use
	 * @param campaign the terms of the rule's campaign, or null
	 */
	public static CompiledRule compile(UUID id, int version, Instant createdAt, RuleDefinition rule, Program program,
			CampaignTerms campaign, Collection<String> triggers) {
		List<FieldError> errors = new ArrayList<>();
		boolean purchase = PURCHASE.equals(rule.trigger());
		if (!purchase && !triggers.contains(rule.trigger())) {
			errors.add(new FieldError("trigger", "'" + rule.trigger() + "' is not an event type of this tenant "
					+ "(purchase, " + String.join(", ", ACTIVITIES.stream().sorted().toList())
					+ ", or one declared at /api/v1/event-types)"));
		}
		Conditions conditions = rule.conditions();
		if (!purchase && conditions != null && conditions.needPurchase()) {
			errors.add(new FieldError("conditions", "amounts, items, first and nth purchase apply to purchases only"));
		}
		if (!purchase && rule.effect().needsPurchase()) {
			errors.add(new FieldError("effect.type", "needs a purchase's amount: use fixed_points for "
					+ rule.trigger()));
		}
		checkEffectFitsProgram(rule.effect(), program.kind(), errors);
		if (rule.beneficiaryOrDefault() == Beneficiary.REFERRER && !"referral".equals(rule.trigger())) {
			errors.add(new FieldError("beneficiary", "referrer applies to referral events only"));
		}
		Stacking stacking = rule.stackingOrDefault();
		if ((stacking.mode() == Stacking.Mode.BEST_OF) != (stacking.group() != null)) {
			errors.add(new FieldError("stacking.group", "is required with best_of, and only then"));
		}
		if (rule.validFrom() != null && rule.validTo() != null && !rule.validTo().isAfter(rule.validFrom())) {
			errors.add(new FieldError("validTo", "must be after validFrom"));
		}
		if (rule.limits() != null) {
			checkLimits(rule.limits(), errors);
		}
		if (rule.effect() instanceof Effect.IssueReward) {
			checkRewardRule(rule, errors);
		}
		CelExpression expression = null;
		if (conditions != null) {
			checkConditions(conditions, program, errors);
			if (errors.isEmpty() && conditions.expression() != null) {
				expression = expression(conditions.expression());
			}
		}
		if (!errors.isEmpty()) {
			throw new BusinessException(ErrorCode.INVALID_REQUEST, String.join("; ",
					errors.stream().map(error -> error.field() + ": " + error.message()).toList()), errors);
		}
		Instant validFrom = later(rule.validFrom() == null ? null : rule.validFrom().toInstant(),
				campaign == null ? null : campaign.startsAt());
		Instant validTo = earlier(rule.validTo() == null ? null : rule.validTo().toInstant(),
				campaign == null ? null : campaign.endsAt());
		Conditions.Items items = conditions == null ? null : conditions.items();
		return new CompiledRule(id, version, createdAt, rule, validFrom, validTo, campaign,
				set(items == null ? null : items.skus()), set(items == null ? null : items.categories()),
				set(items == null ? null : items.excludeSkus()), set(items == null ? null : items.excludeCategories()),
				set(conditions == null ? null : conditions.stores()),
				set(conditions == null ? null : conditions.channels()),
				conditions == null || conditions.daysOfWeek() == null || conditions.daysOfWeek().isEmpty()
						? Set.of() : EnumSet.copyOf(conditions.daysOfWeek()),
				expression);
	}

	private static void checkEffectFitsProgram(Effect effect, ProgramKind kind, List<FieldError> errors) {
		if (effect instanceof Effect.Stamps && kind != ProgramKind.STAMPS) {
			errors.add(new FieldError("effect.type", "stamps are given in a stamps program only"));
		}
		if (effect instanceof Effect.CashbackPercent && kind != ProgramKind.CASHBACK) {
			errors.add(new FieldError("effect.type", "cashback_percent is given in a cashback program only"));
		}
		if (effect instanceof Effect.PointsPerAmount perAmount && Boolean.TRUE.equals(perAmount.step())
				&& perAmount.points().stripTrailingZeros().scale() > 0) {
			errors.add(new FieldError("effect.points", "must be whole with step: units per full amount"));
		}
	}

	private static void checkConditions(Conditions conditions, Program program, List<FieldError> errors) {
		checkAmount(conditions.minAmount(), "conditions.minAmount", program, errors);
		checkAmount(conditions.maxAmount(), "conditions.maxAmount", program, errors);
		if (conditions.minAmount() != null && conditions.maxAmount() != null
				&& conditions.minAmount().compareTo(conditions.maxAmount()) > 0) {
			errors.add(new FieldError("conditions.maxAmount", "must not be below minAmount"));
		}
		if (conditions.hours() != null && conditions.hours().from().equals(conditions.hours().to())) {
			errors.add(new FieldError("conditions.hours", "from and to must differ"));
		}
		Conditions.NthPurchase nth = conditions.nthPurchase();
		if (nth != null && (nth.every() == null) == (nth.exactly() == null)) {
			errors.add(new FieldError("conditions.nthPurchase", "give either every or exactly"));
		}
		if (conditions.tiers() != null && conditions.tiers().isEmpty()) {
			errors.add(new FieldError("conditions.tiers", "name at least one tier"));
		}
		if (conditions.segments() != null && conditions.segments().isEmpty()) {
			errors.add(new FieldError("conditions.segments", "name at least one segment"));
		}
		if (conditions.labels() != null && conditions.labels().empty()) {
			errors.add(new FieldError("conditions.labels", "name at least one label in anyOf, allOf or noneOf"));
		}
		if (conditions.expression() != null && conditions.expression().isBlank()) {
			errors.add(new FieldError("conditions.expression", "must not be blank"));
		}
	}

	private static void checkAmount(BigDecimal amount, String field, Program program, List<FieldError> errors) {
		if (amount == null) {
			return;
		}
		try {
			Money.parse(amount, program.currency(), field);
		}
		catch (BusinessException invalid) {
			errors.addAll(invalid.errors());
		}
	}

	private static void checkLimits(Limits limits, List<FieldError> errors) {
		if (limits.perMember() == null) {
			return;
		}
		for (int i = 0; i < limits.perMember().size(); i++) {
			Limits.PerMember limit = limits.perMember().get(i);
			if ((limit.count() == null) == (limit.points() == null)) {
				errors.add(new FieldError("limits.perMember[" + i + "]", "give either count or points"));
			}
		}
	}

	/** A rule that issues a reward gives no units: what counts units does not apply to it. */
	private static void checkRewardRule(RuleDefinition rule, List<FieldError> errors) {
		if (rule.stackingOrDefault().mode() == Stacking.Mode.BEST_OF) {
			errors.add(new FieldError("stacking.mode", "best_of weighs units: a rule that issues a reward is "
					+ "cumulative or exclusive"));
		}
		if (rule.limits() != null && rule.limits().budget() != null) {
			errors.add(new FieldError("limits.budget", "a budget counts units: limit a rule that issues a reward "
					+ "by count"));
		}
		if (rule.limits() != null && rule.limits().perMember() != null) {
			for (int i = 0; i < rule.limits().perMember().size(); i++) {
				if (rule.limits().perMember().get(i).points() != null) {
					errors.add(new FieldError("limits.perMember[" + i + "].points",
							"a rule that issues a reward is limited by count"));
				}
			}
		}
	}

	private static CelExpression expression(String source) {
		try {
			return CelExpression.compile(source);
		}
		catch (IllegalArgumentException invalid) {
			throw new BusinessException(ErrorCode.INVALID_EXPRESSION, invalid.getMessage(),
					List.of(new FieldError("conditions.expression", invalid.getMessage())));
		}
	}

	private static Set<String> set(List<String> values) {
		return values == null ? Set.of() : Set.copyOf(values);
	}

	private static Instant later(Instant a, Instant b) {
		return a == null ? b : b == null || a.isAfter(b) ? a : b;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a == null ? b : b == null || a.isBefore(b) ? a : b;
	}
}

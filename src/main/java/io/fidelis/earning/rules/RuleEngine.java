package io.fidelis.earning.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fidelis.shared.Money;

/**
 * Evaluates a program's rules against an event: in priority order, each rule whose conditions hold computes what it
 * gives, its limits grant what they still allow, and stacking decides what adds up. Nothing here touches a database
 * but the limit gate; the same evaluation serves earning, simulation and benchmarks.
 */
public final class RuleEngine {

	private RuleEngine() {
	}

	public static Evaluation evaluate(RuleSet rules, EventFacts event, MemberFacts member, Beneficiary beneficiary,
			LimitGate gate) {
		Context context = new Context(rules, event, member);
		List<RuleOutcome> outcomes = new ArrayList<>();
		Set<String> groupsDone = new HashSet<>();
		long total = 0;
		CompiledRule stoppedBy = null;
		for (CompiledRule rule : rules.candidates(event.type(), beneficiary)) {
			Stacking stacking = rule.stacking();
			boolean grouped = stacking.mode() == Stacking.Mode.BEST_OF;
			if (grouped && groupsDone.contains(stacking.group())) {
				// Weighed with its group, where the group's first rule stands.
				continue;
			}
			if (stoppedBy != null) {
				outcomes.add(RuleOutcome.skipped(rule, "the exclusive rule '" + stoppedBy.name() + "' applied first"));
			}
			else if (grouped) {
				groupsDone.add(stacking.group());
				total += bestOf(rules, stacking.group(), beneficiary, context, total, gate, outcomes);
			}
			else {
				Candidate candidate = consider(rule, context, total);
				if (candidate.reason != null) {
					outcomes.add(RuleOutcome.skipped(rule, candidate.reason));
					continue;
				}
				total += grant(candidate, context, gate, outcomes);
				if (outcomes.get(outcomes.size() - 1).fired() && stacking.mode() == Stacking.Mode.EXCLUSIVE) {
					stoppedBy = rule;
				}
			}
		}
		return new Evaluation(total, outcomes);
	}

	/** Of the group's rules that hold, the one giving most applies (the next best if limits refuse it). */
	private static long bestOf(RuleSet rules, String group, Beneficiary beneficiary, Context context, long total,
			LimitGate gate, List<RuleOutcome> outcomes) {
		List<Candidate> holding = new ArrayList<>();
		for (CompiledRule rule : rules.candidates(context.event.type(), beneficiary)) {
			if (group.equals(rule.stacking().group())) {
				Candidate candidate = consider(rule, context, total);
				if (candidate.reason == null) {
					holding.add(candidate);
				}
				else {
					outcomes.add(RuleOutcome.skipped(rule, candidate.reason));
				}
			}
		}
		holding.sort(Comparator.comparingLong((Candidate candidate) -> -candidate.points)
			.thenComparing(candidate -> candidate.rule, CompiledRule.ORDER));
		CompiledRule winner = null;
		long granted = 0;
		for (Candidate candidate : holding) {
			if (winner != null) {
				outcomes.add(RuleOutcome.skipped(candidate.rule,
						"'" + winner.name() + "' gives more in best-of group " + group));
				continue;
			}
			granted = grant(candidate, context, gate, outcomes);
			if (granted > 0) {
				winner = candidate.rule;
			}
		}
		return granted;
	}

	/** Adds the rule's outcome once its limits had their say, and returns the units it gives. */
	private static long grant(Candidate candidate, Context context, LimitGate gate, List<RuleOutcome> outcomes) {
		CompiledRule rule = candidate.rule;
		if (!rule.limited()) {
			outcomes.add(RuleOutcome.fired(rule, candidate.points, candidate.computation, candidate.reward));
			return candidate.points;
		}
		// A reward's rule asks for 0 units: the gate counts the time, and refuses only with a reason.
		LimitGate.Grant grant = gate.grant(rule, context.member.memberId(), context.event.occurredAt(),
				context.rules.program().timeZone(), candidate.points);
		if (grant.points() == 0 && (candidate.reward == null || grant.limitedBy() != null)) {
			outcomes.add(RuleOutcome.skipped(rule, grant.limitedBy()));
		}
		else if (grant.points() < candidate.points) {
			outcomes.add(RuleOutcome.fired(rule, grant.points(),
					candidate.computation + ", capped at " + grant.points() + ": " + grant.limitedBy(), null));
		}
		else {
			outcomes.add(RuleOutcome.fired(rule, grant.points(), candidate.computation, candidate.reward));
		}
		return grant.points();
	}

	/** A rule's verdict before limits: why it does not hold, or what it would give and how. */
	private record Candidate(CompiledRule rule, String reason, long points, String computation, RewardIssue reward) {

		static Candidate refused(CompiledRule rule, String reason) {
			return new Candidate(rule, reason, 0, null, null);
		}
	}

	private static Candidate consider(CompiledRule rule, Context context, long totalSoFar) {
		if (!rule.validAt(context.event.occurredAt())) {
			List<String> window = new ArrayList<>();
			if (rule.validFrom() != null) {
				window.add("from " + rule.validFrom());
			}
			if (rule.validTo() != null) {
				window.add("until " + rule.validTo());
			}
			return Candidate.refused(rule,
					"not valid at " + context.event.occurredAt() + " (valid " + String.join(" ", window) + ")");
		}
		Basket basket = context.basket(rule);
		String reason = ConditionCheck.failure(rule, context, basket);
		if (reason != null) {
			return Candidate.refused(rule, reason);
		}
		if (rule.effect() instanceof Effect.IssueReward issue) {
			RewardIssue reward = new RewardIssue(issue.reward(), issue.quantityOrOne());
			return new Candidate(rule, null, 0, "issues " + reward.quantity() + " × " + reward.reward(), reward);
		}
		Computation computation = compute(rule.effect(), basket, totalSoFar);
		if (computation.points() <= 0) {
			return Candidate.refused(rule, "gives nothing: " + computation.text());
		}
		return new Candidate(rule, null, computation.points(), computation.text(), null);
	}

	private record Computation(long points, String text) {
	}

	private static Computation compute(Effect effect, Basket basket, long totalSoFar) {
		if (effect instanceof Effect.PointsPerAmount perAmount) {
			return perAmount(perAmount, basket);
		}
		if (effect instanceof Effect.FixedPoints fixed) {
			return new Computation(fixed.points(), fixed.points() + " fixed");
		}
		if (effect instanceof Effect.Stamps stamps) {
			return new Computation(stamps.stamps(), stamps.stamps() + " stamps");
		}
		if (effect instanceof Effect.Multiplier multiplier) {
			long extra = BigDecimal.valueOf(totalSoFar)
				.multiply(multiplier.factor().subtract(BigDecimal.ONE))
				.setScale(0, Rounding.orDown(multiplier.rounding()).mode())
				.longValueExact();
			return new Computation(extra, "×" + multiplier.factor().stripTrailingZeros().toPlainString() + " on "
					+ totalSoFar + " = +" + extra);
		}
		if (effect instanceof Effect.PointsPerItem perItem) {
			long quantity = basket.quantity().setScale(0, RoundingMode.DOWN).longValueExact();
			return new Computation(quantity * perItem.points(),
					quantity + " items × " + perItem.points() + " = " + quantity * perItem.points());
		}
		Effect.CashbackPercent cashback = (Effect.CashbackPercent) effect;
		long units = BigDecimal.valueOf(basket.amount().minorUnits())
			.multiply(cashback.percent())
			.movePointLeft(2)
			.setScale(0, Rounding.orDown(cashback.rounding()).mode())
			.longValueExact();
		return new Computation(units, cashback.percent().stripTrailingZeros().toPlainString() + "% of "
				+ basket.amount() + " = " + new Money(units, basket.amount().currency()));
	}

	private static Computation perAmount(Effect.PointsPerAmount effect, Basket basket) {
		BigDecimal per = effect.per() == null ? BigDecimal.ONE : effect.per();
		BigDecimal amount = basket.amount().majorUnits();
		Rounding rounding = Rounding.orDown(effect.rounding());
		String rate = effect.points().stripTrailingZeros().toPlainString() + " per "
				+ per.stripTrailingZeros().toPlainString();
		if (Boolean.TRUE.equals(effect.step())) {
			long steps = amount.divide(per, 0, RoundingMode.DOWN).longValueExact();
			long points = effect.points().multiply(BigDecimal.valueOf(steps)).longValueExact();
			return new Computation(points, basket.amount() + ": " + steps + " × " + rate + " = " + points);
		}
		long points = amount.multiply(effect.points())
			.divide(per, 0, rounding.mode())
			.longValueExact();
		return new Computation(points, basket.amount() + " × " + rate + ", rounded " + rounding.words() + " = "
				+ points);
	}

	/** What a rule looks at in a purchase: the whole of it, or the items it selects. */
	record Basket(Money amount, BigDecimal quantity, int items) {
	}

	/** The facts of one evaluation, and what is derived from them once. */
	static final class Context {

		final RuleSet rules;
		final EventFacts event;
		final MemberFacts member;
		final ZonedDateTime localTime;
		private Map<String, Object> celEvent;
		private Map<String, Object> celMember;

		Context(RuleSet rules, EventFacts event, MemberFacts member) {
			this.rules = rules;
			this.event = event;
			this.member = member;
			this.localTime = event.occurredAt().atZone(rules.program().timeZone());
		}

		boolean sameCurrency() {
			return event.amount() != null && event.amount().currency().equals(rules.program().currency());
		}

		Basket basket(CompiledRule rule) {
			if (event.amount() == null) {
				return new Basket(null, BigDecimal.ZERO, 0);
			}
			if (!rule.hasItemFilter()) {
				BigDecimal quantity = event.items()
					.stream()
					.map(EventFacts.Item::quantity)
					.reduce(BigDecimal.ZERO, BigDecimal::add);
				return new Basket(event.amount(), quantity, event.items().size());
			}
			long minor = 0;
			BigDecimal quantity = BigDecimal.ZERO;
			int count = 0;
			for (EventFacts.Item item : event.items()) {
				if (selected(rule, item)) {
					minor += item.quantity()
						.multiply(BigDecimal.valueOf(item.unitPriceMinor()))
						.setScale(0, RoundingMode.HALF_UP)
						.longValueExact();
					quantity = quantity.add(item.quantity());
					count++;
				}
			}
			return new Basket(new Money(minor, event.amount().currency()), quantity, count);
		}

		private static boolean selected(CompiledRule rule, EventFacts.Item item) {
			boolean included = rule.skus().isEmpty() && rule.categories().isEmpty() || rule.skus().contains(item.sku())
					|| item.category() != null && rule.categories().contains(item.category());
			boolean excluded = rule.excludeSkus().contains(item.sku())
					|| item.category() != null && rule.excludeCategories().contains(item.category());
			return included && !excluded;
		}

		/** The event and member as CEL sees them, built once per evaluation when an expression needs them. */
		Map<String, Object> celEvent() {
			if (celEvent == null) {
				celEvent = new HashMap<>();
				celEvent.put("type", event.type());
				celEvent.put("amount", event.amount() == null ? 0.0 : event.amount().majorUnits().doubleValue());
				celEvent.put("currency", event.amount() == null ? "" : event.amount().currency().getCurrencyCode());
				celEvent.put("store", event.storeId() == null ? "" : event.storeId());
				celEvent.put("channel", event.channel() == null ? "" : event.channel());
				celEvent.put("dayOfWeek", (long) localTime.getDayOfWeek().getValue());
				celEvent.put("hour", (long) localTime.getHour());
				celEvent.put("attributes", event.attributes());
				celEvent.put("items", event.items()
					.stream()
					.map(item -> Map.<String, Object>of("sku", item.sku(), "category",
							item.category() == null ? "" : item.category(), "quantity", item.quantity().doubleValue(),
							"unitPrice", BigDecimal.valueOf(item.unitPriceMinor(),
									event.amount().currency().getDefaultFractionDigits()).doubleValue()))
					.toList());
			}
			return celEvent;
		}

		Map<String, Object> celMember() {
			if (celMember == null) {
				celMember = new HashMap<>();
				celMember.put("purchases", member.purchases());
				celMember.put("locale", member.locale() == null ? "" : member.locale());
				celMember.put("birthDate", member.birthDate() == null ? "" : member.birthDate().toString());
				celMember.put("labels", member.labels().stream().sorted().toList());
				celMember.put("tier", member.tier() == null ? "" : member.tier());
				celMember.put("segment", member.segment() == null ? "" : member.segment());
			}
			return celMember;
		}
	}
}

package io.fidelis.earning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.fidelis.earning.rules.Beneficiary;
import io.fidelis.earning.rules.EventFacts;
import io.fidelis.earning.rules.Evaluation;
import io.fidelis.earning.rules.MemberFacts;
import io.fidelis.earning.rules.RuleEngine;
import io.fidelis.earning.rules.RuleOutcome;
import io.fidelis.earning.rules.RuleSet;
import io.fidelis.ledger.AccountKind;
import io.fidelis.ledger.Credit;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.ExplanationView;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Posted;
import io.fidelis.ledger.TransactionKind;
import io.fidelis.member.Member;
import io.fidelis.member.MemberLabels;
import io.fidelis.member.MemberSegments;
import io.fidelis.membership.MemberMemberships;
import io.fidelis.program.Program;
import io.fidelis.reward.RewardGrants;
import io.fidelis.shared.TenantId;
import io.fidelis.tier.MemberTiers;
import io.fidelis.tier.Qualification;
import io.fidelis.tier.Tier;

/**
 * Turns an event into earnings: per program, the rules decide how many units the member gets, and the ledger credits
 * them in one transaction that keeps the whole verdict (every rule considered) as its explanation.
 */
@Component
class RuleEarning {

	private final Rules rules;
	private final MemberLabels labels;
	private final RewardGrants grants;
	private final RuleLimits limits;
	private final Ledger ledger;
	private final ExplanationTexts texts;
	private final MemberTiers tiers;
	private final Qualification qualification;
	private final MemberMemberships memberships;
	private final MemberSegments segments;
	private final Clock clock;

	RuleEarning(Rules rules, MemberLabels labels, RewardGrants grants, RuleLimits limits, Ledger ledger,
			ExplanationTexts texts, MemberTiers tiers, Qualification qualification, MemberMemberships memberships,
			MemberSegments segments, Clock clock) {
		this.rules = rules;
		this.labels = labels;
		this.grants = grants;
		this.limits = limits;
		this.ledger = ledger;
		this.texts = texts;
		this.tiers = tiers;
		this.qualification = qualification;
		this.memberships = memberships;
		this.segments = segments;
		this.clock = clock;
	}

	/** Whether the program's rules may look at the member's count of purchases. */
	boolean looksAtPurchases(TenantId tenant, Program program) {
		return rules.ruleSet(tenant, program).looksAtPurchases();
	}

	/**
	 * Whether the program's earns can be decided without touching the database: plain rules ({@link RuleSet#plain()}),
	 * no tiers and no membership plans whose multipliers would apply. Batch intake decides such earns for many
	 * events at once and credits them set-based.
	 */
	boolean plain(TenantId tenant, Program program) {
		return rules.ruleSet(tenant, program).plain() && !tiers.laddered(tenant, program.id())
				&& !memberships.anyPlan(tenant);
	}

	/**
	 * @param purchases how many purchases the member has made, this event included if it is one (may be 0 if
	 *        {@link #looksAtPurchases} says the rules do not look at it)
	 * @param transactionId the event's, kept as the ledger transaction's reference (returns find it by that)
	 */
	EventResult.Effect earn(TenantId tenant, Program program, EventFacts event, Member member, long purchases,
			Beneficiary beneficiary, String transactionId) {
		Decision decision = decide(tenant, program, event, member, purchases, beneficiary, transactionId);
		EventResult.Effect effect = credit(decision);
		if (decision.credit() != null) {
			qualification.earned(tenant, program, member.id().value(), decision.credit().amount(),
					event.occurredAt(), transactionId);
		}
		return effect;
	}

	/** Posts what was decided, and tells nothing to tiers: the caller does (see {@link Qualification#recordAll}). */
	EventResult.Effect credit(Decision decision) {
		return decision.effect(decision.credit() == null ? null : ledger.credit(decision.credit()));
	}

	/**
	 * What an event earns a member in a program, decided: the rules' verdict with its explanation, and the credit to
	 * post (none if it earns nothing). Rewards the rules give are granted here; nothing else is written.
	 */
	record Decision(Program program, Member member, Credit credit, Explanation explanation, List<String> rewards,
			ExplanationView view) {

		EventResult.Effect effect(Posted posted) {
			List<String> given = rewards.isEmpty() ? null : rewards;
			if (credit == null) {
				return new EventResult.Effect(program.code(), member.id().value(), 0, EventResult.Status.NONE, null,
						null, null, null, view, given);
			}
			return new EventResult.Effect(program.code(), member.id().value(), credit.amount(),
					credit.activatesAt() == null ? EventResult.Status.AVAILABLE : EventResult.Status.PENDING, null,
					credit.activatesAt(), credit.expiresAt(), posted.transactionId(), view, given);
		}
	}

	Decision decide(TenantId tenant, Program program, EventFacts event, Member member, long purchases,
			Beneficiary beneficiary, String transactionId) {
		RuleSet ruleSet = rules.ruleSet(tenant, program);
		// PERF: the labels are read only for the programs whose rules may look at them.
		Set<String> memberLabels = ruleSet.looksAtLabels() ? Set.copyOf(labels.of(tenant, member.id())) : Set.of();
		Optional<Tier> tier = tiers.current(tenant, program.id(), member.id().value());
		String segment = ruleSet.looksAtSegments() ? segments.of(tenant, member.id().value()).orElse(null) : null;
		Evaluation evaluation = multiplied(RuleEngine.evaluate(ruleSet, event,
				new MemberFacts(member.id().value(), member.birthDate(), purchases, member.locale(), memberLabels,
						tier.map(Tier::code).orElse(null), segment),
				beneficiary, limits), multipliers(tenant, program, member, tier), program);
		List<RuleOutcome> outcomes = grantRewards(tenant, member, evaluation.outcomes(), transactionId);
		List<String> rewards = outcomes.stream()
			.filter(outcome -> outcome.fired() && outcome.reward() != null)
			.map(outcome -> outcome.reward().reward())
			.toList();
		Map<String, String> details = new HashMap<>();
		details.put("points", Long.toString(evaluation.total()));
		details.put(ExplanationTexts.UNIT, program.kind().unit());
		if (event.amount() != null) {
			details.put("amount", event.amount().toString());
		}
		else {
			details.put("activity", event.type());
		}
		if (!rewards.isEmpty()) {
			details.put("rewards", String.join(", ", rewards));
		}
		String code = evaluation.total() > 0 ? event.amount() != null ? "earn.purchase" : "earn.activity"
				: rewards.isEmpty() ? "earn.none" : "earn.rewards";
		Explanation explanation = new Explanation(code, details, lines(outcomes));
		ExplanationView view = texts.view(explanation, Locale.forLanguageTag(member.locale()));
		if (evaluation.total() == 0) {
			return new Decision(program, member, null, explanation, rewards, view);
		}
		Instant now = clock.instant();
		// An event older than the pending period has passed its return window already: available at once.
		Instant activatesAt = program.activatesAt(event.occurredAt()).filter(at -> at.isAfter(now)).orElse(null);
		Instant expiresAt = program.expiresAt(event.occurredAt()).orElse(null);
		return new Decision(program, member, new Credit(tenant, program.id(), member.id().value(), evaluation.total(),
				AccountKind.ISSUANCE, TransactionKind.EARN, transactionId, event.occurredAt(), expiresAt, activatesAt,
				explanation), explanation, rewards, view);
	}

	/**
	 * Gives the rewards of the rules that fired to issue one; a rule whose reward cannot be given (out of stock,
	 * retired) is reported as not fired, with the reason.
	 */
	private List<RuleOutcome> grantRewards(TenantId tenant, Member member, List<RuleOutcome> outcomes,
			String transactionId) {
		List<RuleOutcome> granted = new ArrayList<>();
		for (RuleOutcome outcome : outcomes) {
			if (!outcome.fired() || outcome.reward() == null) {
				granted.add(outcome);
				continue;
			}
			Optional<String> refusal = grants.grant(tenant, member, outcome.reward().reward(),
					outcome.reward().quantity(), transactionId, "rule '" + outcome.rule() + "'");
			granted.add(refusal.map(reason -> outcome.unfulfilled("its reward could not be given: " + reason))
				.orElse(outcome));
		}
		return granted;
	}

	/** An earn multiplier the member enjoys, named for the explanation ("Gold tier multiplier"). */
	private record Multiplier(BigDecimal factor, String name) {
	}

	/** The multipliers of the member's tier and memberships in the program, those above 1 only. */
	private List<Multiplier> multipliers(TenantId tenant, Program program, Member member, Optional<Tier> tier) {
		List<Multiplier> multipliers = new ArrayList<>();
		tier.filter(Tier::multipliesEarnings)
			.ifPresent(t -> multipliers.add(new Multiplier(t.earnMultiplier(), t.names().en() + " tier multiplier")));
		memberships.earnMultiplier(tenant, program.id(), member.id().value())
			.ifPresent(m -> multipliers.add(new Multiplier(m.multiplier(), m.plan() + " membership multiplier")));
		return multipliers;
	}

	/**
	 * What the rules gave, times the largest of the member's multipliers (rounded down): multipliers of a tier and of
	 * a membership do not add up or multiply, the larger one applies (the tier's if equal). One line says so, with the
	 * extra units, "2 × 49 points = 98"; another says why a smaller one did not apply.
	 */
	private static Evaluation multiplied(Evaluation evaluation, List<Multiplier> multipliers, Program program) {
		if (multipliers.isEmpty() || evaluation.total() <= 0) {
			return evaluation;
		}
		Multiplier applied = multipliers.get(0);
		for (Multiplier multiplier : multipliers) {
			if (multiplier.factor().compareTo(applied.factor()) > 0) {
				applied = multiplier;
			}
		}
		BigDecimal factor = applied.factor();
		long total = factor.multiply(BigDecimal.valueOf(evaluation.total()))
			.setScale(0, RoundingMode.DOWN)
			.longValueExact();
		List<RuleOutcome> outcomes = new ArrayList<>(evaluation.outcomes());
		outcomes.add(new RuleOutcome(null, applied.name(), 0, true, total - evaluation.total(),
				factor.stripTrailingZeros().toPlainString() + " × " + evaluation.total() + " "
						+ program.kind().unit() + " = " + total,
				null, null));
		for (Multiplier multiplier : multipliers) {
			if (multiplier != applied) {
				outcomes.add(new RuleOutcome(null, multiplier.name(), 0, false, 0, null,
						"the " + applied.name() + " is larger: multipliers do not add up", null));
			}
		}
		return new Evaluation(total, outcomes);
	}

	private static List<Explanation.Line> lines(List<RuleOutcome> outcomes) {
		return outcomes.stream()
			.map(outcome -> new Explanation.Line(outcome.ruleId() == null ? null : outcome.ruleId().toString(),
					outcome.rule(), outcome.version(), outcome.fired(), outcome.points(), outcome.computation(),
					outcome.reason()))
			.toList();
	}
}

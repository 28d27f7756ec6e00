package io.fidelis.earning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.earning.rules.CompiledRule;
import io.fidelis.earning.rules.LimitGate;
import io.fidelis.earning.rules.Limits;

/**
 * The limit gate of real events: it locks the counters a grant depends on (the member's use of the rule in each
 * limited period, the rule's and the campaign's budgets), grants what they still allow, and counts it, all in the
 * event's transaction. Two events racing for the last of a budget are serialised by its row: the budget is never
 * exceeded. A refused or rolled-back event counts nothing.
 */
@Component
class RuleLimits implements LimitGate {

	private final JdbcClient jdbc;

	RuleLimits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private record Usage(Limits.PerMember limit, String period, long uses, long points) {
	}

	private record Budget(UUID owner, String name, long budget, long spent) {
	}

	@Override
	public Grant grant(CompiledRule rule, UUID memberId, Instant occurredAt, ZoneId zone, long points) {
		long allowed = points;
		String limitedBy = null;
		List<Usage> usages = new ArrayList<>();
		if (rule.limits() != null && rule.limits().perMember() != null) {
			LocalDate day = occurredAt.atZone(zone).toLocalDate();
			for (Limits.PerMember limit : rule.limits().perMember()) {
				Usage usage = lockUsage(rule, memberId, limit, period(limit.period(), day));
				String per = limit.period() == Limits.Period.LIFETIME ? "in all"
						: "per " + limit.period().name().toLowerCase(Locale.ROOT);
				if (limit.count() != null && usage.uses() >= limit.count()) {
					return new Grant(0, "the limit of " + limit.count() + " per member " + per + " is reached");
				}
				if (limit.points() != null) {
					long left = limit.points() - usage.points();
					if (left <= 0) {
						return new Grant(0, "the limit of " + limit.points() + " per member " + per + " is reached");
					}
					if (left < allowed) {
						allowed = left;
						limitedBy = "the limit of " + limit.points() + " per member " + per;
					}
				}
				usages.add(usage);
			}
		}
		List<Budget> budgets = new ArrayList<>();
		if (rule.limits() != null && rule.limits().budget() != null) {
			budgets.add(lockBudget(rule.id(), "the rule's budget", rule.limits().budget()));
		}
		if (rule.campaign() != null && rule.campaign().budget() != null) {
			budgets.add(lockBudget(rule.campaign().id(), "the budget of campaign " + rule.campaign().code(),
					rule.campaign().budget()));
		}
		for (Budget budget : budgets) {
			long left = budget.budget() - budget.spent();
			if (left <= 0) {
				return new Grant(0, budget.name() + " of " + budget.budget() + " is spent");
			}
			if (left < allowed) {
				allowed = left;
				limitedBy = budget.name() + " of " + budget.budget();
			}
		}
		for (Usage usage : usages) {
			jdbc.sql("""
					UPDATE rule_usage SET uses = uses + 1, points = points + :points
					WHERE rule_id = :rule AND member_id = :member AND period_key = :period""")
				.param("points", allowed)
				.param("rule", rule.id())
				.param("member", memberId)
				.param("period", usage.period())
				.update();
		}
		for (Budget budget : budgets) {
			jdbc.sql("UPDATE budget_usage SET spent = spent + :points WHERE owner_id = :owner")
				.param("points", allowed)
				.param("owner", budget.owner())
				.update();
		}
		return new Grant(allowed, limitedBy);
	}

	private Usage lockUsage(CompiledRule rule, UUID memberId, Limits.PerMember limit, String period) {
		jdbc.sql("""
				INSERT INTO rule_usage (rule_id, member_id, period_key, tenant_id, uses, points)
				SELECT :rule, :member, :period, tenant_id, 0, 0 FROM earning_rule WHERE id = :rule
				ON CONFLICT DO NOTHING""")
			.param("rule", rule.id())
			.param("member", memberId)
			.param("period", period)
			.update();
		return jdbc.sql("""
				SELECT uses, points FROM rule_usage
				WHERE rule_id = :rule AND member_id = :member AND period_key = :period FOR UPDATE""")
			.param("rule", rule.id())
			.param("member", memberId)
			.param("period", period)
			.query((rs, n) -> new Usage(limit, period, rs.getLong("uses"), rs.getLong("points")))
			.single();
	}

	private Budget lockBudget(UUID owner, String name, long budget) {
		long spent = jdbc.sql("SELECT spent FROM budget_usage WHERE owner_id = :owner FOR UPDATE")
			.param("owner", owner)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("no budget row for " + owner));
		return new Budget(owner, name, budget, spent);
	}

	/** The period a day falls in, as its key: 2026-11-24, 2026-W48, 2026-11, lifetime. */
	static String period(Limits.Period period, LocalDate day) {
		return switch (period) {
			case DAY -> day.toString();
			case WEEK -> day.get(IsoFields.WEEK_BASED_YEAR) + "-W"
					+ String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			case MONTH -> day.getYear() + "-" + String.format("%02d", day.getMonthValue());
			case LIFETIME -> "lifetime";
		};
	}
}

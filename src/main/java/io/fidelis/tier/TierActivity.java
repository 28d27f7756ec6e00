package io.fidelis.tier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.MultiRowInsert;
import io.fidelis.shared.Timestamps;
import io.fidelis.shared.TenantId;

/**
 * What members did that counts towards tiers: rows only added, a return being a row that takes off, dated like the
 * purchase it undoes. A metric is then one sum over the window.
 */
@Component
class TierActivity {

	private final JdbcClient jdbc;
	private final Clock clock;

	TierActivity(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Units earned in a program (below zero: taken back). */
	void addPoints(TenantId tenant, ProgramId program, UUID member, long points, Instant occurredAt,
			String reference) {
		add(tenant, member, program, occurredAt, points, null, 0, reference);
	}

	/** A purchase (purchases 1), or a return of part of one (amount below zero; purchases -1 if it is all returned). */
	void addPurchase(TenantId tenant, UUID member, Money amount, int purchases, Instant occurredAt,
			String reference) {
		add(tenant, member, null, occurredAt, 0, amount, purchases, reference);
	}

	private void add(TenantId tenant, UUID member, ProgramId program, Instant occurredAt, long points, Money amount,
			int purchases, String reference) {
		jdbc.sql("""
				INSERT INTO tier_activity (id, tenant_id, member_id, program_id, occurred_at, points, amount_minor,
				currency, purchases, reference, created_at)
				VALUES (:id, :tenant, :member, :program, :occurredAt, :points, :amount, :currency, :purchases,
				:reference, :now)""")
			.param("id", Ids.newId(clock))
			.param("tenant", tenant.value())
			.param("member", member)
			.param("program", program == null ? null : program.value())
			.param("occurredAt", Timestamps.sql(occurredAt))
			.param("points", points)
			.param("amount", amount == null ? 0 : amount.minorUnits())
			.param("currency", amount == null ? null : amount.currency().getCurrencyCode())
			.param("purchases", purchases)
			.param("reference", reference)
			.param("now", Timestamps.sql(clock.instant()))
			.update();
	}

	/** Adds many rows as {@link #addPoints} and {@link #addPurchase} add one, in one statement. */
	void addAll(TenantId tenant, List<Qualification.Activity> rows) {
		MultiRowInsert insert = MultiRowInsert.into("tier_activity", "id", "tenant_id", "member_id", "program_id",
				"occurred_at", "points", "amount_minor", "currency", "purchases", "reference", "created_at");
		Object now = Timestamps.sql(clock.instant());
		for (Qualification.Activity row : rows) {
			insert.row(Ids.newId(clock), tenant.value(), row.member(),
					row.program() == null ? null : row.program().value(), Timestamps.sql(row.occurredAt()),
					row.points(), row.amount() == null ? 0 : row.amount().minorUnits(),
					row.amount() == null ? null : row.amount().currency().getCurrencyCode(), row.purchases(),
					row.reference(), now);
		}
		insert.execute(jdbc);
	}

	/** The ladder's metric for the member at {@code now}, in the unit of its thresholds (minor units for amounts). */
	long metric(TenantId tenant, Program program, UUID member, TierLadder ladder, Instant now) {
		if (ladder.metric() == TierMetric.EXPRESSION) {
			return score(tenant, program, member, ladder, now);
		}
		String sum;
		String filter;
		switch (ladder.metric()) {
			case POINTS_EARNED -> {
				sum = "points";
				filter = "program_id = :program";
			}
			case AMOUNT_SPENT -> {
				sum = "amount_minor";
				filter = "program_id IS NULL AND currency = :currency";
			}
			default -> {
				sum = "purchases";
				filter = "program_id IS NULL";
			}
		}
		return jdbc.sql("SELECT COALESCE(SUM(" + sum + "), 0) FROM tier_activity WHERE tenant_id = :tenant"
				+ " AND member_id = :member AND occurred_at >= :from AND " + filter)
			.param("tenant", tenant.value())
			.param("member", member)
			.param("from", Timestamps.sql(ladder.windowStart(now, program.timeZone())))
			.param("program", program.id().value())
			.param("currency", program.currency().getCurrencyCode())
			.query(Long.class)
			.single();
	}

	/** The ladder's expression over the three sums of the window, read in one query. */
	private long score(TenantId tenant, Program program, UUID member, TierLadder ladder, Instant now) {
		record Sums(long points, long amountMinor, long purchases) {
		}
		Sums sums = jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN program_id = :program THEN points END), 0) AS points,
				       COALESCE(SUM(CASE WHEN program_id IS NULL AND currency = :currency THEN amount_minor END), 0)
				         AS amount_minor,
				       COALESCE(SUM(CASE WHEN program_id IS NULL THEN purchases END), 0) AS purchases
				FROM tier_activity
				WHERE tenant_id = :tenant AND member_id = :member AND occurred_at >= :from""")
			.param("tenant", tenant.value())
			.param("member", member)
			.param("from", Timestamps.sql(ladder.windowStart(now, program.timeZone())))
			.param("program", program.id().value())
			.param("currency", program.currency().getCurrencyCode())
			.query((rs, n) -> new Sums(rs.getLong("points"), rs.getLong("amount_minor"), rs.getLong("purchases")))
			.single();
		double amountSpent = BigDecimal.valueOf(sums.amountMinor(), program.currency().getDefaultFractionDigits())
			.doubleValue();
		return TierScore.of(ladder.expression(), sums.points(), amountSpent, sums.purchases());
	}
}

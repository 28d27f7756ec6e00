package io.fidelis.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.shared.TenantId;

/**
 * Reads the KPI roll-ups of {@link KpiRollups}: the facts of a period and of the previous one, for a program and
 * optionally a store. Every query reads day (or month) rows of the period by an index that starts with the tenant,
 * so the cost follows the period's length and the number of stores and buyers in it, not the history.
 * <p>
 * The ledger has no store: a store narrows the sales and members' figures, not the units, liability or costs. A
 * member belongs to the tenant and not to one program: a program narrows units, liability and costs.
 */
@Component
class KpiFacts {

	private final JdbcClient jdbc;
	private final ProgramCosts costs;

	KpiFacts(JdbcClient jdbc, ProgramCosts costs) {
		this.jdbc = jdbc;
		this.costs = costs;
	}

	/** A period's facts and those of the previous period of the same length. */
	record Periods(PeriodFacts current, PeriodFacts previous) {
	}

	Periods periods(TenantId tenant, Program program, LocalDate from, LocalDate to, String store) {
		long days = ChronoUnit.DAYS.between(from, to) + 1;
		LocalDate previousFrom = from.minusDays(days);
		Activity activity = activity(tenant, from, to, days, store);
		return new Periods(facts(tenant, program, from, to, store, days, activity.current()),
				facts(tenant, program, previousFrom, from.minusDays(1), store, days, activity.previous()));
	}

	/** Whether purchases of the store were ever rolled up for the tenant. */
	boolean knownStore(TenantId tenant, String store) {
		return jdbc.sql("SELECT 1 FROM analytics_sales_day WHERE tenant_id = :tenant AND store_id = :store LIMIT 1")
			.param("tenant", tenant.value())
			.param("store", store)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	private record Buyers(long active, long previouslyActive, long retained, long repeaters) {
	}

	private record Activity(Buyers current, Buyers previous) {
	}

	/**
	 * One pass over the buyers of three periods (the period, the previous one and the one before, for the previous
	 * period's retention), each member's purchases summed per period.
	 */
	private Activity activity(TenantId tenant, LocalDate from, LocalDate to, long days, String store) {
		LocalDate previousFrom = from.minusDays(days);
		LocalDate earliest = previousFrom.minusDays(days);
		return jdbc.sql("""
				SELECT SUM(CASE WHEN c > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN c > 1 THEN 1 ELSE 0 END),
				    SUM(CASE WHEN c > 0 AND p > 0 THEN 1 ELSE 0 END),
				    SUM(CASE WHEN p > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN p > 1 THEN 1 ELSE 0 END),
				    SUM(CASE WHEN p > 0 AND e > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN e > 0 THEN 1 ELSE 0 END)
				FROM (SELECT member_id,
				        SUM(CASE WHEN active_on >= :from THEN orders ELSE 0 END) AS c,
				        SUM(CASE WHEN active_on >= :previousFrom AND active_on < :from THEN orders ELSE 0 END) AS p,
				        SUM(CASE WHEN active_on < :previousFrom THEN orders ELSE 0 END) AS e
				    FROM analytics_member_day
				    WHERE tenant_id = :tenant AND active_on >= :earliest AND active_on <= :to"""
				+ (store == null ? "" : " AND store_id = :store") + """

				    GROUP BY member_id) buyers""")
			.param("tenant", tenant.value())
			.param("from", from)
			.param("to", to)
			.param("previousFrom", previousFrom)
			.param("earliest", earliest)
			.param("store", store)
			.query((rs, n) -> new Activity(new Buyers(rs.getLong(1), rs.getLong(4), rs.getLong(3), rs.getLong(2)),
					new Buyers(rs.getLong(4), rs.getLong(7), rs.getLong(6), rs.getLong(5))))
			.single();
	}

	private PeriodFacts facts(TenantId tenant, Program program, LocalDate from, LocalDate to, String store, long days,
			Buyers buyers) {
		long[] enrolments = jdbc.sql("""
				SELECT COUNT(*), COALESCE(SUM(CASE WHEN enrolled_on >= :from THEN 1 ELSE 0 END), 0)
				FROM analytics_member WHERE tenant_id = :tenant AND enrolled_on <= :to""")
			.param("tenant", tenant.value())
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		long[] sales = jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN sold_on >= :from THEN member_orders ELSE 0 END), 0),
				    COALESCE(SUM(CASE WHEN sold_on >= :from THEN member_revenue_minor ELSE 0 END), 0),
				    COALESCE(SUM(CASE WHEN sold_on >= :from THEN anonymous_orders ELSE 0 END), 0),
				    COALESCE(SUM(CASE WHEN sold_on >= :from THEN anonymous_revenue_minor ELSE 0 END), 0),
				    COALESCE(SUM(member_revenue_minor), 0)
				FROM analytics_sales_day
				WHERE tenant_id = :tenant AND sold_on <= :to AND currency = :currency"""
				+ (store == null ? "" : " AND store_id = :store"))
			.param("tenant", tenant.value())
			.param("from", from)
			.param("to", to)
			.param("currency", program.currency().getCurrencyCode())
			.param("store", store)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) })
			.single();
		long[] units = jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN booked_on >= :from THEN issued ELSE 0 END), 0),
				    COALESCE(SUM(CASE WHEN booked_on >= :from THEN redeemed ELSE 0 END), 0),
				    COALESCE(SUM(CASE WHEN booked_on >= :from THEN expired ELSE 0 END), 0),
				    COALESCE(SUM(issued - redeemed - expired), 0), COALESCE(SUM(redeemed), 0), COALESCE(SUM(expired), 0)
				FROM analytics_unit_day
				WHERE tenant_id = :tenant AND program_id = :program AND booked_on <= :to""")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6) })
			.single();
		return new PeriodFacts(days, enrolments[1], enrolments[0], buyers.active(), buyers.previouslyActive(),
				buyers.retained(), buyers.repeaters(), sales[0], sales[1], sales[2], sales[3], sales[4], units[0],
				units[1], units[2], units[3], units[4], units[5], costs.between(tenant, program, from, to),
				program.unitValue(), program.currency().getDefaultFractionDigits());
	}
}

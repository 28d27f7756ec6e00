package io.fidelis.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * The KPI roll-ups of a tenant (tables {@code analytics_*}), brought up to date by re-aggregating whole days: the days
 * of the purchases, enrolments and ledger transactions created since the last refresh. A day's rows are deleted and
 * inserted again from the source rows, so a refresh repeated changes nothing, and two refreshes of one tenant wait
 * for each other on the tenant's {@code analytics_refresh} row.
 * <p>
 * Why a job and not the earn path: a purchase would otherwise update a store's day row (a hot row every till of the
 * store waits for) and its member's month row, in the transaction of {@code POST /api/v1/events}, which is
 * benchmarked; re-aggregating a day costs one range scan by an index, and only days that changed are scanned. The
 * figures are then as fresh as the last refresh (the job's interval, or an operator's refresh).
 */
@Component
class KpiRollups {

	/**
	 * Sanity: a transaction may commit after a refresh with rows created (by the clock) before it; each refresh
	 * therefore also re-aggregates the days of the rows created in the {@value #OVERLAP_MINUTES} minutes before the
	 * last one, far longer than any transaction of the service.
	 */
	static final int OVERLAP_MINUTES = 10;

	/** All stores, in {@code analytics_member_month}. */
	static final String ALL_STORES = "*";

	private final JdbcClient jdbc;

	KpiRollups(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a refresh did: the days re-aggregated, and whether anything was created since the previous refresh. */
	record Refresh(int salesDays, int enrolmentDays, int unitDays, int months, boolean newRows) {

		int days() {
			return salesDays + enrolmentDays + unitDays;
		}
	}

	/** Re-aggregates the days with rows created up to {@code now} and not yet rolled up, in the tenant's zone. */
	@Transactional
	Refresh refresh(TenantId tenant, ZoneId zone, Instant now) {
		jdbc.sql("INSERT INTO analytics_refresh (tenant_id, refreshed_at) VALUES (:tenant, :at) ON CONFLICT DO NOTHING")
			.param("tenant", tenant.value())
			.param("at", Timestamps.sql(Instant.EPOCH))
			.update();
		Instant last = jdbc.sql("SELECT refreshed_at FROM analytics_refresh WHERE tenant_id = :tenant FOR UPDATE")
			.param("tenant", tenant.value())
			.query((rs, n) -> Timestamps.instant(rs.getObject(1, OffsetDateTime.class)))
			.single();
		Instant since = last.equals(Instant.EPOCH) ? Instant.EPOCH : last.minus(Duration.ofMinutes(OVERLAP_MINUTES));
		boolean newRows = createdSince(tenant, "member", last, now) || createdSince(tenant, "purchase", last, now)
				|| createdSince(tenant, "ledger_transaction", last, now);

		// Enrolments first: a month of purchases takes its members' cohorts from analytics_member.
		Set<LocalDate> enrolmentDays = days(tenant, "member", "created_at", since, now, zone);
		enrolmentDays.forEach(day -> enrolments(tenant, day, zone));
		Set<LocalDate> salesDays = days(tenant, "purchase", "occurred_at", since, now, zone);
		salesDays.forEach(day -> sales(tenant, day, zone));
		Set<LocalDate> months = new TreeSet<>();
		salesDays.forEach(day -> months.add(day.withDayOfMonth(1)));
		months.forEach(month -> members(tenant, month));
		Set<LocalDate> unitDays = days(tenant, "ledger_transaction", "created_at", since, now, zone);
		unitDays.forEach(day -> units(tenant, day, zone));

		jdbc.sql("UPDATE analytics_refresh SET refreshed_at = :at WHERE tenant_id = :tenant")
			.param("at", Timestamps.sql(now))
			.param("tenant", tenant.value())
			.update();
		return new Refresh(salesDays.size(), enrolmentDays.size(), unitDays.size(), months.size(), newRows);
	}

	/** When the tenant's roll-ups were last refreshed; empty if never. */
	Optional<Instant> refreshedAt(TenantId tenant) {
		return jdbc.sql("SELECT refreshed_at FROM analytics_refresh WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query((rs, n) -> Timestamps.instant(rs.getObject(1, OffsetDateTime.class)))
			.optional()
			.filter(at -> !at.equals(Instant.EPOCH));
	}

	private boolean createdSince(TenantId tenant, String table, Instant last, Instant now) {
		return jdbc.sql("SELECT 1 FROM " + table + " WHERE tenant_id = :tenant AND created_at > :last"
				+ " AND created_at <= :now LIMIT 1")
			.param("tenant", tenant.value())
			.param("last", Timestamps.sql(last))
			.param("now", Timestamps.sql(now))
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/**
	 * The days (in {@code zone}) of the {@code dayColumn} of the rows created in ({@code since}, {@code now}]. The
	 * database gives the UTC hours (portable SQL has no zone-aware date of a timestamp); an hour lies in one day, or
	 * two in zones whose offset is not whole hours.
	 */
	private Set<LocalDate> days(TenantId tenant, String table, String dayColumn, Instant since, Instant now,
			ZoneId zone) {
		Set<LocalDate> days = new TreeSet<>();
		jdbc.sql("SELECT DISTINCT FLOOR(EXTRACT(EPOCH FROM " + dayColumn + ") / 3600) FROM " + table
				+ " WHERE tenant_id = :tenant AND created_at > :since AND created_at <= :now")
			.param("tenant", tenant.value())
			.param("since", Timestamps.sql(since))
			.param("now", Timestamps.sql(now))
			.query((rs, n) -> rs.getLong(1))
			.list()
			.forEach(hour -> {
				Instant start = Instant.ofEpochSecond(hour * 3600);
				days.add(LocalDate.ofInstant(start, zone));
				days.add(LocalDate.ofInstant(start.plusSeconds(3599), zone));
			});
		return days;
	}

	private void enrolments(TenantId tenant, LocalDate day, ZoneId zone) {
		jdbc.sql("DELETE FROM analytics_member WHERE tenant_id = :tenant AND enrolled_on = :day")
			.param("tenant", tenant.value())
			.param("day", day)
			.update();
		jdbc.sql("""
				INSERT INTO analytics_member (tenant_id, member_id, enrolled_on)
				SELECT tenant_id, id, :day FROM member
				WHERE tenant_id = :tenant AND created_at >= :start AND created_at < :end""")
			.param("tenant", tenant.value())
			.param("day", day)
			.param("start", Timestamps.sql(day.atStartOfDay(zone).toInstant()))
			.param("end", Timestamps.sql(day.plusDays(1).atStartOfDay(zone).toInstant()))
			.update();
	}

	private void sales(TenantId tenant, LocalDate day, ZoneId zone) {
		Object start = Timestamps.sql(day.atStartOfDay(zone).toInstant());
		Object end = Timestamps.sql(day.plusDays(1).atStartOfDay(zone).toInstant());
		jdbc.sql("DELETE FROM analytics_sales_day WHERE tenant_id = :tenant AND sold_on = :day")
			.param("tenant", tenant.value())
			.param("day", day)
			.update();
		jdbc.sql("""
				INSERT INTO analytics_sales_day (tenant_id, sold_on, store_id, currency, member_orders,
				    member_revenue_minor, anonymous_orders, anonymous_revenue_minor)
				SELECT tenant_id, :day, COALESCE(store_id, ''), currency,
				    SUM(CASE WHEN member_id IS NOT NULL THEN 1 ELSE 0 END),
				    SUM(CASE WHEN member_id IS NOT NULL THEN amount_minor ELSE 0 END),
				    SUM(CASE WHEN member_id IS NULL THEN 1 ELSE 0 END),
				    SUM(CASE WHEN member_id IS NULL THEN amount_minor ELSE 0 END)
				FROM purchase
				WHERE tenant_id = :tenant AND occurred_at >= :start AND occurred_at < :end
				GROUP BY tenant_id, COALESCE(store_id, ''), currency""")
			.param("tenant", tenant.value())
			.param("day", day)
			.param("start", start)
			.param("end", end)
			.update();
		jdbc.sql("DELETE FROM analytics_member_day WHERE tenant_id = :tenant AND active_on = :day")
			.param("tenant", tenant.value())
			.param("day", day)
			.update();
		jdbc.sql("""
				INSERT INTO analytics_member_day (tenant_id, active_on, store_id, member_id, orders)
				SELECT tenant_id, :day, COALESCE(store_id, ''), member_id, COUNT(*)
				FROM purchase
				WHERE tenant_id = :tenant AND occurred_at >= :start AND occurred_at < :end AND member_id IS NOT NULL
				GROUP BY tenant_id, COALESCE(store_id, ''), member_id""")
			.param("tenant", tenant.value())
			.param("day", day)
			.param("start", start)
			.param("end", end)
			.update();
	}

	/** The month's buyers from its days, per store and in all stores, with their cohort. */
	private void members(TenantId tenant, LocalDate month) {
		jdbc.sql("DELETE FROM analytics_member_month WHERE tenant_id = :tenant AND active_month = :month")
			.param("tenant", tenant.value())
			.param("month", month)
			.update();
		// Per store, then all stores: the same rows grouped without the store.
		for (String[] store : new String[][] { { "d.store_id", ", d.store_id" }, { "'" + ALL_STORES + "'", "" } }) {
			jdbc.sql("""
					INSERT INTO analytics_member_month (tenant_id, active_month, store_id, member_id, cohort_month)
					SELECT d.tenant_id, :month, %s, d.member_id, MIN(CAST(DATE_TRUNC('month', m.enrolled_on) AS DATE))
					FROM analytics_member_day d
					JOIN analytics_member m ON m.tenant_id = d.tenant_id AND m.member_id = d.member_id
					WHERE d.tenant_id = :tenant AND d.active_on >= :month AND d.active_on < :next
					GROUP BY d.tenant_id, d.member_id%s""".formatted(store[0], store[1]))
				.param("tenant", tenant.value())
				.param("month", month)
				.param("next", month.plusMonths(1))
				.update();
		}
	}

	/**
	 * The day's units per program, from the postings' system side: what left the issuance and adjustment accounts is
	 * issued, what reached redemption and charity is redeemed, what reached breakage expired; movements back (a
	 * clawback, a cancelled redemption) count negatively.
	 */
	private void units(TenantId tenant, LocalDate day, ZoneId zone) {
		jdbc.sql("DELETE FROM analytics_unit_day WHERE tenant_id = :tenant AND booked_on = :day")
			.param("tenant", tenant.value())
			.param("day", day)
			.update();
		jdbc.sql("""
				INSERT INTO analytics_unit_day (tenant_id, program_id, booked_on, issued, redeemed, expired)
				SELECT t.tenant_id, t.program_id, :day,
				    SUM(CASE WHEN s.kind IN ('ISSUANCE', 'ADJUSTMENT') THEN p.amount ELSE 0 END)
				        - SUM(CASE WHEN d.kind IN ('ISSUANCE', 'ADJUSTMENT') THEN p.amount ELSE 0 END),
				    SUM(CASE WHEN d.kind IN ('REDEMPTION', 'CHARITY') THEN p.amount ELSE 0 END)
				        - SUM(CASE WHEN s.kind IN ('REDEMPTION', 'CHARITY') THEN p.amount ELSE 0 END),
				    SUM(CASE WHEN d.kind = 'BREAKAGE' THEN p.amount ELSE 0 END)
				        - SUM(CASE WHEN s.kind = 'BREAKAGE' THEN p.amount ELSE 0 END)
				FROM ledger_transaction t
				JOIN ledger_posting p ON p.transaction_id = t.id
				JOIN ledger_account s ON s.id = p.source_account_id
				JOIN ledger_account d ON d.id = p.destination_account_id
				WHERE t.tenant_id = :tenant AND t.created_at >= :start AND t.created_at < :end
				GROUP BY t.tenant_id, t.program_id""")
			.param("tenant", tenant.value())
			.param("day", day)
			.param("start", Timestamps.sql(day.atStartOfDay(zone).toInstant()))
			.param("end", Timestamps.sql(day.plusDays(1).atStartOfDay(zone).toInstant()))
			.update();
	}
}

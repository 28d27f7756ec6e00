package io.fidelis.analytics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * The dashboard's charts, from the roll-ups of {@link KpiRollups} (members over time, units over time, cohorts),
 * and from small tables read by an index (tiers, rewards redeemed).
 */
@Component
class KpiSeries {

	/** How many of the most redeemed rewards a period shows. */
	static final int TOP_REWARDS = 10;

	private final JdbcClient jdbc;

	KpiSeries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Days or calendar months. */
	enum Interval {
		DAY, MONTH;

		LocalDate start(LocalDate day) {
			return this == DAY ? day : day.withDayOfMonth(1);
		}

		/** The first days of the intervals that hold the days {@code from} to {@code to}. */
		List<LocalDate> starts(LocalDate from, LocalDate to) {
			List<LocalDate> starts = new ArrayList<>();
			for (LocalDate start = start(from); !start.isAfter(to); start = this == DAY ? start.plusDays(1)
					: start.plusMonths(1)) {
				starts.add(start);
			}
			return starts;
		}
	}

	/**
	 * @param enrolled members enrolled in the interval
	 * @param active members with a purchase in the interval (a whole calendar month when by month)
	 */
	public record MemberCounts(LocalDate start, long enrolled, long active) {
	}

	/**
	 * Members enrolled and active per interval of the days {@code from} to {@code to}; a month counts only its days
	 * in the period for enrolments, and all its buyers for activity.
	 */
	List<MemberCounts> members(TenantId tenant, LocalDate from, LocalDate to, String store, Interval interval) {
		Map<LocalDate, Long> enrolled = new HashMap<>();
		jdbc.sql("""
				SELECT enrolled_on, COUNT(*) FROM analytics_member
				WHERE tenant_id = :tenant AND enrolled_on >= :from AND enrolled_on <= :to GROUP BY enrolled_on""")
			.param("tenant", tenant.value())
			.param("from", from)
			.param("to", to)
			.query((RowCallbackHandler) rs -> enrolled.merge(interval.start(rs.getObject(1, LocalDate.class)), rs.getLong(2),
					Long::sum));
		Map<LocalDate, Long> active = new HashMap<>();
		String sql = interval == Interval.DAY ? """
				SELECT active_on, COUNT(DISTINCT member_id) FROM analytics_member_day
				WHERE tenant_id = :tenant AND active_on >= :from AND active_on <= :to %s GROUP BY active_on"""
			.formatted(store == null ? "" : "AND store_id = :store") : """
				SELECT active_month, COUNT(*) FROM analytics_member_month
				WHERE tenant_id = :tenant AND active_month >= :from AND active_month <= :to AND store_id = :store
				GROUP BY active_month""";
		jdbc.sql(sql)
			.param("tenant", tenant.value())
			.param("from", interval.start(from))
			.param("to", to)
			.param("store", store == null && interval == Interval.MONTH ? KpiRollups.ALL_STORES : store)
			.query((RowCallbackHandler) rs -> active.put(rs.getObject(1, LocalDate.class), rs.getLong(2)));
		return interval.starts(from, to)
			.stream()
			.map(start -> new MemberCounts(start, enrolled.getOrDefault(start, 0L), active.getOrDefault(start, 0L)))
			.toList();
	}

	/** The program's units per interval of the days {@code from} to {@code to}. */
	List<UnitFlows> units(TenantId tenant, Program program, LocalDate from, LocalDate to, Interval interval) {
		UnitFlows.Moved before = jdbc.sql("""
				SELECT COALESCE(SUM(issued), 0), COALESCE(SUM(redeemed), 0), COALESCE(SUM(expired), 0)
				FROM analytics_unit_day WHERE tenant_id = :tenant AND program_id = :program AND booked_on < :from""")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("from", from)
			.query((rs, n) -> new UnitFlows.Moved(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
		Map<LocalDate, UnitFlows.Moved> moved = new HashMap<>();
		jdbc.sql("""
				SELECT booked_on, issued, redeemed, expired FROM analytics_unit_day
				WHERE tenant_id = :tenant AND program_id = :program AND booked_on >= :from AND booked_on <= :to""")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("from", from)
			.param("to", to)
			.query((RowCallbackHandler) rs -> moved.merge(interval.start(rs.getObject(1, LocalDate.class)),
					new UnitFlows.Moved(rs.getLong(2), rs.getLong(3), rs.getLong(4)), UnitFlows.Moved::plus));
		return UnitFlows.of(before, interval.starts(from, to), moved, program.unitValue(),
				program.currency().getDefaultFractionDigits());
	}

	public record TierCount(String tier, long members) {
	}

	/** How many members are in each tier of the program now, most first. */
	List<TierCount> tiers(TenantId tenant, Program program) {
		return jdbc.sql("""
				SELECT tier_code, COUNT(*) FROM member_tier WHERE tenant_id = :tenant AND program_id = :program
				GROUP BY tier_code ORDER BY COUNT(*) DESC, tier_code""")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.query((rs, n) -> new TierCount(rs.getString(1), rs.getLong(2)))
			.list();
	}

	/**
	 * @param redeemed rewards redeemed and not cancelled
	 * @param units what they cost, net of cancellations
	 */
	public record RewardCount(String code, long redeemed, long units) {
	}

	/**
	 * The program's {@value #TOP_REWARDS} most redeemed rewards of the days {@code from} to {@code to}. Redemptions are
	 * read directly, by time: they are a small fraction of the purchases, and cancellations change them in place.
	 */
	List<RewardCount> topRewards(TenantId tenant, Program program, LocalDate from, LocalDate to, ZoneId zone) {
		return jdbc.sql("""
				SELECT r.code, SUM(x.quantity - x.cancelled) AS redeemed,
				    SUM(x.points * (x.quantity - x.cancelled) / x.quantity) AS units
				FROM redemption x JOIN reward r ON r.id = x.reward_id
				WHERE x.tenant_id = :tenant AND x.created_at >= :start AND x.created_at < :end
				    AND r.program_id = :program
				GROUP BY r.code HAVING SUM(x.quantity - x.cancelled) > 0
				ORDER BY redeemed DESC, r.code LIMIT :limit""")
			.param("tenant", tenant.value())
			.param("start", Timestamps.sql(from.atStartOfDay(zone).toInstant()))
			.param("end", Timestamps.sql(to.plusDays(1).atStartOfDay(zone).toInstant()))
			.param("program", program.id().value())
			.param("limit", TOP_REWARDS)
			.query((rs, n) -> new RewardCount(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/** Retention of the cohorts enrolled in the months {@code first} to {@code last}, up to {@code last}. */
	List<CohortRetention> cohorts(TenantId tenant, YearMonth first, YearMonth last, String store) {
		Map<YearMonth, Long> sizes = new HashMap<>();
		jdbc.sql("""
				SELECT enrolled_on, COUNT(*) FROM analytics_member
				WHERE tenant_id = :tenant AND enrolled_on >= :from AND enrolled_on <= :to GROUP BY enrolled_on""")
			.param("tenant", tenant.value())
			.param("from", first.atDay(1))
			.param("to", last.atEndOfMonth())
			.query((RowCallbackHandler) rs -> sizes.merge(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2),
					Long::sum));
		Map<YearMonth, Map<YearMonth, Long>> active = new HashMap<>();
		jdbc.sql("""
				SELECT cohort_month, active_month, COUNT(*) FROM analytics_member_month
				WHERE tenant_id = :tenant AND store_id = :store AND cohort_month >= :from AND cohort_month <= :to
				    AND active_month <= :to
				GROUP BY cohort_month, active_month""")
			.param("tenant", tenant.value())
			.param("store", store == null ? KpiRollups.ALL_STORES : store)
			.param("from", first.atDay(1))
			.param("to", last.atDay(1))
			.query((RowCallbackHandler) rs -> active
				.computeIfAbsent(YearMonth.from(rs.getObject(1, LocalDate.class)), cohort -> new HashMap<>())
				.put(YearMonth.from(rs.getObject(2, LocalDate.class)), rs.getLong(3)));
		return CohortRetention.of(first, last, sizes, active);
	}
}

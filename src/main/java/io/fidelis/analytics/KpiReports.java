package io.fidelis.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/**
 * The program's KPIs, as the API ({@code KpiController}) and the back-office's dashboard show them: a period against
 * the previous one, time series for charts, cohort retention, and a refresh of the roll-ups they are read from. Days
 * are those of the tenant's time zone (its {@code points} program's); figures are as of the roll-ups' last refresh
 * ({@code refreshedAt}), which the {@code analytics.kpi-rollups} job does every few minutes.
 */
@Service
public class KpiReports {

	/** Sanity: the summary reads three periods of buyers; a year is what a dashboard compares. */
	static final int MAX_SUMMARY_DAYS = 366;
	/** Sanity: a chart of days shows a year at most, one of months ten years. */
	static final int MAX_DAILY_POINTS = 366;
	static final int MAX_MONTHLY_DAYS = 3660;
	/** Sanity: a heat-map of three years of cohorts. */
	static final int MAX_COHORTS = 36;
	private static final int MAX_STORE_LENGTH = 64;

	private final KpiFacts facts;
	private final KpiSeries series;
	private final KpiRollups rollups;
	private final Programs programs;
	private final TenantZones zones;
	private final Clock clock;

	KpiReports(KpiFacts facts, KpiSeries series, KpiRollups rollups, Programs programs, TenantZones zones,
			Clock clock) {
		this.facts = facts;
		this.series = series;
		this.rollups = rollups;
		this.programs = programs;
		this.zones = zones;
		this.clock = clock;
	}

	/**
	 * @param previousFrom the first day of the previous period, as long as this one and just before it
	 * @param change each figure's relative change, (current − previous) ÷ previous; null when either is null or 0
	 * @param lifetimeValueModel how {@code projectedLifetimeValue} is computed
	 * @param roiMethod how {@code incrementalRevenue}, {@code programCost} and {@code returnOnInvestment} are computed
	 * @param refreshedAt when the roll-ups were last refreshed; null if never
	 */
	public record Summary(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, String program,
			String store, String currency, Kpis current, Kpis previous, Map<String, BigDecimal> change,
			String lifetimeValueModel, String roiMethod, Instant refreshedAt) {
	}

	/**
	 * The KPIs of the days {@code from} to {@code to} (both included; by default the last 30 days, at most
	 * {@value #MAX_SUMMARY_DAYS}) against the previous period of the same length, for a program (by default
	 * {@code points}) and optionally a store. A store narrows sales and members' figures; a program narrows units,
	 * liability and costs (members belong to the tenant, and the ledger has no store).
	 */
	public Summary summary(TenantId tenant, LocalDate from, LocalDate to, String program, String store) {
		Period period = Period.requested(from, to, today(tenant), MAX_SUMMARY_DAYS);
		Program chosen = program(tenant, program);
		String storeId = store(tenant, store);
		KpiFacts.Periods both = facts.periods(tenant, chosen, period.from(), period.to(), storeId);
		Kpis current = Kpis.of(both.current());
		Kpis previous = Kpis.of(both.previous());
		Period before = period.previous();
		return new Summary(period.from(), period.to(), before.from(), before.to(), chosen.code(), storeId,
				chosen.currency().getCurrencyCode(), current, previous, current.changeFrom(previous),
				Kpis.LIFETIME_VALUE_MODEL, Kpis.ROI_METHOD, rollups.refreshedAt(tenant).orElse(null));
	}

	/**
	 * @param members members enrolled and active per interval
	 * @param units units issued, redeemed and expired per interval, with the outstanding units and liability at its end
	 * @param tiers the program's members per tier, now
	 * @param topRewards the program's most redeemed rewards of the period
	 */
	public record Series(LocalDate from, LocalDate to, String interval, String program, String store, String currency,
			List<KpiSeries.MemberCounts> members, List<UnitFlows> units, List<KpiSeries.TierCount> tiers,
			List<KpiSeries.RewardCount> topRewards, Instant refreshedAt) {
	}

	/**
	 * The dashboard's charts for the days {@code from} to {@code to} (by default the last 30 days), per {@code day} (at
	 * most {@value #MAX_DAILY_POINTS} days) or calendar {@code month} (at most ten years; a month's active members are
	 * those of the whole month).
	 */
	public Series series(TenantId tenant, LocalDate from, LocalDate to, String program, String store, String interval) {
		KpiSeries.Interval by = switch (interval) {
			case "day" -> KpiSeries.Interval.DAY;
			case "month" -> KpiSeries.Interval.MONTH;
			default -> throw BusinessException.invalid("interval", "must be day or month");
		};
		Period period = Period.requested(from, to, today(tenant),
				by == KpiSeries.Interval.DAY ? MAX_DAILY_POINTS : MAX_MONTHLY_DAYS);
		Program chosen = program(tenant, program);
		String storeId = store(tenant, store);
		ZoneId zone = zones.zone(tenant);
		return new Series(period.from(), period.to(), interval, chosen.code(), storeId,
				chosen.currency().getCurrencyCode(), series.members(tenant, period.from(), period.to(), storeId, by),
				series.units(tenant, chosen, period.from(), period.to(), by), series.tiers(tenant, chosen),
				series.topRewards(tenant, chosen, period.from(), period.to(), zone),
				rollups.refreshedAt(tenant).orElse(null));
	}

	public record Cohorts(YearMonth from, YearMonth to, String store, List<CohortRetention> cohorts, Instant refreshedAt) {
	}

	/**
	 * Retention by enrolment month (a heat-map): the cohorts enrolled in the months {@code from} to {@code to}
	 * ({@code 2026-01}; by default the last 12 months, at most {@value #MAX_COHORTS}), each with the share of its
	 * members who bought in each month since, up to {@code to}; in one store if {@code store} is set.
	 */
	public Cohorts cohorts(TenantId tenant, String from, String to, String store) {
		YearMonth last = to == null ? YearMonth.from(today(tenant)) : month("to", to);
		YearMonth first = from == null ? last.minusMonths(11) : month("from", from);
		if (first.isAfter(last)) {
			throw BusinessException.invalid("from", "must not be after to");
		}
		if (first.plusMonths(MAX_COHORTS).isBefore(last.plusMonths(1))) {
			throw BusinessException.invalid("from", "is more than " + MAX_COHORTS + " months before to");
		}
		String storeId = store(tenant, store);
		return new Cohorts(first, last, storeId, series.cohorts(tenant, first, last, storeId),
				rollups.refreshedAt(tenant).orElse(null));
	}

	/**
	 * @param days the days re-aggregated (sales, enrolments and units counted apart)
	 * @param months the months of buyers re-aggregated
	 */
	public record Refreshed(Instant refreshedAt, int days, int months) {
	}

	/**
	 * Brings the caller's roll-ups up to date now, rather than at the job's next run: after an import, or before a
	 * report that must include the last minutes.
	 */
	public Refreshed refresh(TenantId tenant) {
		Instant now = clock.instant();
		KpiRollups.Refresh refresh = rollups.refresh(tenant, zones.zone(tenant), now);
		return new Refreshed(now, refresh.days(), refresh.months());
	}

	/** Today in the tenant's time zone: the last day of a period by default. */
	public LocalDate today(TenantId tenant) {
		return LocalDate.now(clock.withZone(zones.zone(tenant)));
	}

	private Program program(TenantId tenant, String code) {
		return programs.get(tenant, code == null ? Programs.DEFAULT_CODE : code);
	}

	/** Null for all stores; a store none of whose sales was ever rolled up is unknown. */
	private String store(TenantId tenant, String store) {
		if (store == null) {
			return null;
		}
		if (store.isBlank() || store.length() > MAX_STORE_LENGTH) {
			throw BusinessException.invalid("store", "must be 1 to " + MAX_STORE_LENGTH + " characters");
		}
		if (!facts.knownStore(tenant, store)) {
			throw new BusinessException(ErrorCode.STORE_NOT_FOUND, "No sale of store '" + store + "' was recorded");
		}
		return store;
	}

	static YearMonth month(String field, String value) {
		YearMonth month;
		try {
			month = YearMonth.parse(value);
		}
		catch (DateTimeParseException e) {
			throw BusinessException.invalid(field, "must be a month, as 2026-01");
		}
		Period.within(field, month.atDay(1));
		return month;
	}
}

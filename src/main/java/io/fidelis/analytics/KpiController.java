package io.fidelis.analytics;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/**
 * The program's KPIs over the API ({@link KpiReports} computes them): a period against the previous one, time series
 * for charts, cohort retention, and a refresh of the roll-ups they are read from.
 */
@RestController
class KpiController {

	private final KpiReports reports;

	KpiController(KpiReports reports) {
		this.reports = reports;
	}

	/**
	 * The KPIs of the days {@code from} to {@code to} (both included; by default the last 30 days, at most
	 * {@value KpiReports#MAX_SUMMARY_DAYS}) against the previous period of the same length, for a program (by default
	 * {@code points}) and optionally a store. A store narrows sales and members' figures; a program narrows units,
	 * liability and costs (members belong to the tenant, and the ledger has no store).
	 */
	@GetMapping("/api/v1/analytics/summary")
	KpiReports.Summary summary(Caller caller,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String program, @RequestParam(required = false) String store) {
		return reports.summary(caller.require(Scope.MEMBERS_READ), from, to, program, store);
	}

	/**
	 * The dashboard's charts for the days {@code from} to {@code to} (by default the last 30 days), per {@code day} (at
	 * most {@value KpiReports#MAX_DAILY_POINTS} days) or calendar {@code month} (at most ten years; a month's active
	 * members are those of the whole month).
	 */
	@GetMapping("/api/v1/analytics/series")
	KpiReports.Series series(Caller caller,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String program, @RequestParam(required = false) String store,
			@RequestParam(defaultValue = "day") String interval) {
		return reports.series(caller.require(Scope.MEMBERS_READ), from, to, program, store, interval);
	}

	/**
	 * Retention by enrolment month (a heat-map): the cohorts enrolled in the months {@code from} to {@code to}
	 * ({@code 2026-01}; by default the last 12 months, at most {@value KpiReports#MAX_COHORTS}), each with the share of
	 * its members who bought in each month since, up to {@code to}; in one store if {@code store} is set.
	 */
	@GetMapping("/api/v1/analytics/cohorts")
	KpiReports.Cohorts cohorts(Caller caller, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String store) {
		return reports.cohorts(caller.require(Scope.MEMBERS_READ), from, to, store);
	}

	/**
	 * Brings the caller's roll-ups up to date now, rather than at the job's next run: after an import, or before a
	 * report that must include the last minutes.
	 */
	@PostMapping("/api/v1/analytics:refresh")
	KpiReports.Refreshed refresh(Caller caller) {
		return reports.refresh(caller.require(Scope.PROGRAMS_WRITE));
	}
}

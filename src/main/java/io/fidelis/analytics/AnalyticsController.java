package io.fidelis.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/** The program's numbers, for a period: the NPS of survey answers (the other KPIs come with the back-office). */
@RestController
class AnalyticsController {

	/** Sanity: a period is at most ten years. */
	private static final int MAX_DAYS = 3660;

	private final NpsScores nps;
	private final TenantZones zones;
	private final Clock clock;

	AnalyticsController(NpsScores nps, TenantZones zones, Clock clock) {
		this.nps = nps;
		this.zones = zones;
		this.clock = clock;
	}

	/** @param nps from -100 to 100, to one decimal; null without answers */
	record NpsReport(LocalDate from, LocalDate to, String store, long answers, long promoters, long passives,
			long detractors, BigDecimal nps) {
	}

	/**
	 * The NPS of the survey answers of the days {@code from} to {@code to} (both included, in the tenant's time zone;
	 * by default the last 30 days), of one store or all.
	 */
	@GetMapping("/api/v1/analytics/nps")
	NpsReport nps(Caller caller, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String store) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Period period = Period.requested(from, to, LocalDate.now(clock.withZone(zones.zone(tenant))), MAX_DAYS);
		if (store != null && (store.isBlank() || store.length() > 64)) {
			throw BusinessException.invalid("store", "must be 1 to 64 characters");
		}
		Nps answers = nps.between(tenant, period.from(), period.to(), store);
		return new NpsReport(period.from(), period.to(), store, answers.answers(), answers.promoters(), answers.passives(),
				answers.detractors(), answers.score());
	}
}

package io.fidelis.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.jobs.JobSteps;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.TenantId;

/**
 * Brings every tenant's KPI roll-ups up to date every {@value #INTERVAL_MINUTES} minutes, each tenant in a transaction
 * of its own: only the days whose purchases, enrolments or ledger transactions were created since the tenant's last
 * refresh are re-aggregated, so a run after a quiet spell costs a few index probes per tenant.
 */
@Component
class KpiRollupJob implements Job {

	static final int INTERVAL_MINUTES = 5;

	private final KpiRollups rollups;
	private final Programs programs;
	private final TenantZones zones;

	KpiRollupJob(KpiRollups rollups, Programs programs, TenantZones zones) {
		this.rollups = rollups;
		this.programs = programs;
		this.zones = zones;
	}

	@Override
	public String name() {
		return "analytics.kpi-rollups";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofMinutes(INTERVAL_MINUTES));
	}

	/** Counts the tenants with rows created since their last refresh; the days re-aggregated include the overlap. */
	@Override
	public String run(Instant now) {
		List<TenantId> tenants = programs.all().stream().map(Program::tenantId).distinct().toList();
		int[] changed = { 0, 0 };
		JobSteps.forEach(name(), "tenants", tenants, tenant -> "tenant " + tenant.value(), tenant -> {
			KpiRollups.Refresh refresh = rollups.refresh(tenant, zones.zone(tenant), now);
			changed[0] += refresh.newRows() ? 1 : 0;
			changed[1] += refresh.days();
		});
		return "rolled up %d tenants with new rows of %d: %d days re-aggregated".formatted(changed[0], tenants.size(),
				changed[1]);
	}
}

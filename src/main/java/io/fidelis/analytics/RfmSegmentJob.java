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
 * Recomputes every tenant's RFM segments once a day, each tenant in a transaction of its own: those not computed in
 * the last {@value #FRESH_HOURS} hours (by this job or an operator's request), so that running it again at once
 * changes nothing, and a tenant missed by a failed run is computed by the next.
 */
@Component
class RfmSegmentJob implements Job {

	static final int FRESH_HOURS = 20;

	private final RfmSegments segments;
	private final Programs programs;

	RfmSegmentJob(RfmSegments segments, Programs programs) {
		this.segments = segments;
		this.programs = programs;
	}

	@Override
	public String name() {
		return "analytics.rfm-segments";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofDays(1));
	}

	@Override
	public String run(Instant now) {
		Instant fresh = now.minus(Duration.ofHours(FRESH_HOURS));
		List<TenantId> due = programs.all()
			.stream()
			.map(Program::tenantId)
			.distinct()
			.filter(tenant -> segments.computedAt(tenant).map(at -> at.isBefore(fresh)).orElse(true))
			.toList();
		int[] members = { 0 };
		JobSteps.forEach(name(), "tenants", due, tenant -> "tenant " + tenant.value(),
				tenant -> members[0] += segments.compute(tenant, now));
		return "recomputed %d tenants' segments: %d members in one".formatted(due.size(), members[0]);
	}
}

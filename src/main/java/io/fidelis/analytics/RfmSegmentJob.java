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
 * Recomputes every tenant's RFM segments once a day, each tenant in a transaction of its own. A run computes what the
 * purchases say at its time: running it again changes nothing but the computation's time.
 */
@Component
class RfmSegmentJob implements Job {

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
		List<TenantId> tenants = programs.all().stream().map(Program::tenantId).distinct().toList();
		int[] members = { 0 };
		JobSteps.forEach(name(), "tenants", tenants, tenant -> "tenant " + tenant.value(),
				tenant -> members[0] += segments.compute(tenant, now));
		return "put %d members of %d tenants in segments".formatted(members[0], tenants.size());
	}
}

package io.fidelis.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.program.Programs;

/** Gives back the units of checkout holds that nobody captured or released in time, every minute. */
@Component
class HoldExpiryJob implements Job {

	private final Holds holds;
	private final Programs programs;

	HoldExpiryJob(Holds holds, Programs programs) {
		this.holds = holds;
		this.programs = programs;
	}

	@Override
	public String name() {
		return "ledger.hold-expiry";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofMinutes(1));
	}

	@Override
	public String run(Instant now) {
		int expired = holds.expireDue(now, (tenant, hold) -> new Explanation("hold.expired",
				Map.of("points", Long.toString(hold.amount()), ExplanationTexts.UNIT,
						programs.get(tenant, hold.program()).kind().unit())));
		return "released %d expired holds".formatted(expired);
	}
}

package io.fidelis.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;

/**
 * Warns members of units about to expire, in every program that has {@code expiryWarningDays}. Hourly, like expiry:
 * a new day in a program's time zone brings new expiry dates within its warning days.
 */
@Component
class ExpiryWarningJob implements Job {

	private final Programs programs;
	private final ExpiryWarnings warnings;

	ExpiryWarningJob(Programs programs, ExpiryWarnings warnings) {
		this.programs = programs;
		this.warnings = warnings;
	}

	@Override
	public String name() {
		return "ledger.expiry-warning";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofHours(1));
	}

	@Override
	public String run(Instant now) {
		List<Program> warning = programs.all().stream().filter(program -> program.expiryWarningDays() > 0).toList();
		RunSummary warned = EveryProgram.total(name(), warning, program -> warnings.warn(program, now));
		return "warned %d members of %d expiring units (%d lots) in %d programs with warnings".formatted(
				warned.members(), warned.units(), warned.lots(), warning.size());
	}
}

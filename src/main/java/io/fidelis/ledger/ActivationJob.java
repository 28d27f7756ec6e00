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
 * Makes pending units available in every program once their pending period is over, as
 * {@code POST /programs/{code}/activation-runs} does, every 10 minutes.
 */
@Component
class ActivationJob implements Job {

	private final Programs programs;
	private final ProgramRuns runs;

	ActivationJob(Programs programs, ProgramRuns runs) {
		this.programs = programs;
		this.runs = runs;
	}

	@Override
	public String name() {
		return "ledger.activation";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofMinutes(10));
	}

	@Override
	public String run(Instant now) {
		List<Program> all = programs.all();
		RunSummary activated = EveryProgram.total(name(), all, program -> {
			ProgramRuns.ActivationRun run = runs.activate(program, now, "activation-run:" + now);
			return new RunSummary(run.members(), run.lots(), run.units());
		});
		return "activated %d pending units of %d members (%d lots) in %d programs".formatted(activated.units(),
				activated.members(), activated.lots(), all.size());
	}
}

package io.fidelis.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.IdempotentResponse;

/**
 * Every program's expiry run of the day, as {@code POST /programs/{code}/expiry-runs} does it. It runs every hour so
 * that midnight in every program's time zone is followed within the hour by that day's run; the later runs of the
 * day replay the first, and so do the endpoint's.
 */
@Component
class ExpiryJob implements Job {

	private final Programs programs;
	private final ProgramRuns runs;

	ExpiryJob(Programs programs, ProgramRuns runs) {
		this.programs = programs;
		this.runs = runs;
	}

	@Override
	public String name() {
		return "ledger.expiry";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofHours(1));
	}

	@Override
	public String run(Instant now) {
		List<Program> all = programs.all();
		RunSummary expired = EveryProgram.total(name(), all, program -> {
			IdempotentResponse<ProgramRuns.ExpiryRun> run = runs.expire(program, now);
			// A replay is a run done earlier today: it expired nothing now.
			return run.replayed() ? RunSummary.NONE
					: new RunSummary(run.body().members(), run.body().lots(), run.body().units());
		});
		return "expired %d units of %d members (%d lots) in %d programs".formatted(expired.units(), expired.members(),
				expired.lots(), all.size());
	}
}

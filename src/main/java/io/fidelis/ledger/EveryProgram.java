package io.fidelis.ledger;

import java.util.List;
import java.util.function.Function;

import io.fidelis.jobs.JobSteps;
import io.fidelis.program.Program;

/** Runs one step of a ledger job for each program of every tenant and adds up what the steps did. */
final class EveryProgram {

	private EveryProgram() {
	}

	static RunSummary total(String job, List<Program> programs, Function<Program, RunSummary> step) {
		RunSummary[] total = { RunSummary.NONE };
		JobSteps.forEach(job, "programs", programs,
				program -> "program " + program.code() + " of tenant " + program.tenantId(),
				program -> total[0] = total[0].plus(step.apply(program)));
		return total[0];
	}
}

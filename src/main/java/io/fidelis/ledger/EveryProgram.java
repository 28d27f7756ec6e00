package io.fidelis.ledger;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fidelis.program.Program;

/**
 * Runs one step of a job for each program of every tenant and adds up what the steps did. A program whose step fails
 * is logged and passed over, so that one broken program does not hold up all the others; the run then fails as a
 * whole once every program was tried, and the job's next run tries again.
 */
final class EveryProgram {

	/**
	 * Sanity: after this many failures in a row the run gives up, since the cause is then rarely one program: with
	 * the database gone, each step would wait for a connection in vain.
	 */
	static final int MAX_FAILURES_IN_A_ROW = 5;
	private static final Logger log = LoggerFactory.getLogger(EveryProgram.class);

	private EveryProgram() {
	}

	static RunSummary total(String job, List<Program> programs, Function<Program, RunSummary> step) {
		RunSummary total = RunSummary.NONE;
		int failed = 0;
		int failedInARow = 0;
		for (Program program : programs) {
			try {
				total = total.plus(step.apply(program));
				failedInARow = 0;
			}
			catch (RuntimeException failure) {
				failed++;
				if (++failedInARow == MAX_FAILURES_IN_A_ROW) {
					throw new IllegalStateException(job + " gave up after " + failedInARow + " programs failed in a row",
							failure);
				}
				log.error("Job {} failed for program {} of tenant {}", job, program.code(), program.tenantId(),
						failure);
			}
		}
		if (failed > 0) {
			throw new IllegalStateException(
					job + " failed for " + failed + " of " + programs.size() + " programs; see the log");
		}
		return total;
	}
}

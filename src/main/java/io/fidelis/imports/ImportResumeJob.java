package io.fidelis.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;

/**
 * Takes up the imports no instance is processing: those whose instance stopped before it finished (their lease ran
 * out) and those uploaded while their instance was too busy to start them. Each is claimed before it is processed,
 * so an import is never processed by two instances at once.
 */
@Component
class ImportResumeJob implements Job {

	/** Sanity: a run takes up at most this many imports; the next run takes the others. */
	private static final int MAX_IMPORTS_PER_RUN = 10;

	private final Imports imports;
	private final ImportWorker worker;

	ImportResumeJob(Imports imports, ImportWorker worker) {
		this.imports = imports;
		this.worker = worker;
	}

	@Override
	public String name() {
		return "imports.resume";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofMinutes(1));
	}

	@Override
	public String run(Instant now) {
		List<UUID> waiting = imports.claimable(now, MAX_IMPORTS_PER_RUN);
		int resumed = 0;
		for (UUID id : waiting) {
			if (worker.process(id)) {
				resumed++;
			}
		}
		return "resumed " + resumed + " of " + waiting.size() + " waiting imports";
	}
}

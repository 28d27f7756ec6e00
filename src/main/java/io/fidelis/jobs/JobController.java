package io.fidelis.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/**
 * The installation's jobs, for operators: what runs when, and what the last run did. Jobs work across all tenants,
 * so this is their job-level view: summaries are totals, and a failed run's error stays in the log and in
 * {@code job_run}, since it may name another tenant's data.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private final Jobs jobs;
	private final JobRuns runs;

	JobController(Jobs jobs, JobRuns runs) {
		this.jobs = jobs;
		this.runs = runs;
	}

	record LastRun(Instant startedAt, Instant finishedAt, JobRuns.Outcome outcome, String summary) {
	}

	/**
	 * @param running an instance is running the job now
	 * @param nextRunAt when the job runs next; null while it runs, and until an instance running jobs has started
	 */
	record JobResponse(String name, String schedule, boolean running, LastRun lastRun, Instant nextRunAt) {
	}

	@GetMapping
	List<JobResponse> list(Caller caller) {
		caller.require(Scope.PROGRAMS_WRITE);
		return jobs.all().stream().map(job -> {
			Optional<JobRuns.Next> next = runs.next(job.name());
			boolean running = next.map(JobRuns.Next::running).orElse(false);
			return new JobResponse(job.name(), job.schedule().description(), running,
					runs.last(job.name())
						.map(run -> new LastRun(run.startedAt(), run.finishedAt(), run.outcome(), run.summary()))
						.orElse(null),
					running ? null : next.map(JobRuns.Next::at).orElse(null));
		}).toList();
	}
}

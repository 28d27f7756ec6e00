package io.fidelis.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Timestamps;

/**
 * The installation's jobs as operators see them (the API's {@code GET /jobs} and the back-office): what runs when,
 * what the last run did, and a run asked for ahead of its time. Jobs work across all tenants, so summaries are totals,
 * and a failed run's error stays in the log and in {@code job_run}, since it may name another tenant's data.
 */
@Service
public class JobBoard {

	private final Jobs jobs;
	private final JobRuns runs;
	private final JdbcClient jdbc;
	private final Clock clock;

	JobBoard(Jobs jobs, JobRuns runs, JdbcClient jdbc, Clock clock) {
		this.jobs = jobs;
		this.runs = runs;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A finished run, and what it did if it succeeded. */
	public record LastRun(Instant startedAt, Instant finishedAt, JobOutcome outcome, String summary) {
	}

	/**
	 * @param schedule in words: {@code every 10 minutes}
	 * @param running an instance is running the job now
	 * @param nextRunAt when the job runs next; null while it runs, and until an instance running jobs has started
	 */
	public record JobStatus(String name, String schedule, boolean running, LastRun lastRun, Instant nextRunAt) {
	}

	/** Every job, by name. */
	public List<JobStatus> list() {
		return jobs.all().stream().map(job -> {
			Optional<JobRuns.Next> next = runs.next(job.name());
			boolean running = next.map(JobRuns.Next::running).orElse(false);
			return new JobStatus(job.name(), job.schedule().description(), running,
					runs.last(job.name())
						.map(run -> new LastRun(run.startedAt(), run.finishedAt(), run.outcome(), run.summary()))
						.orElse(null),
					running ? null : next.map(JobRuns.Next::at).orElse(null));
		}).toList();
	}

	/**
	 * Makes the job's next run due now: an instance running jobs takes it at its next poll, once, as it takes any due
	 * run (never two runs at once, whichever instance was asked), then the job keeps to its times again. Safe since
	 * every run does only what is due and may be repeated.
	 *
	 * @return when the run is due
	 * @throws BusinessException {@code not-found} for no such job; {@code conflict} while it runs, or before any
	 *         instance running jobs has started (nothing would take the run)
	 */
	public Instant runSoon(String name) {
		if (jobs.all().stream().noneMatch(job -> job.name().equals(name))) {
			throw new BusinessException(ErrorCode.NOT_FOUND, "No job named '" + name + "'");
		}
		Instant now = clock.instant();
		// The version moves as when db-scheduler reschedules: an instance that read the row before picks it again.
		int moved = jdbc.sql("""
				UPDATE scheduled_tasks SET execution_time = :now, version = version + 1
				WHERE task_name = :job AND task_instance = 'recurring' AND picked = FALSE AND execution_time > :now""")
			.param("now", Timestamps.sql(now))
			.param("job", name)
			.update();
		if (moved == 1) {
			return now;
		}
		JobRuns.Next next = runs.next(name)
			.orElseThrow(() -> new BusinessException(ErrorCode.CONFLICT,
					"No instance running jobs has started yet: nothing would take the run"));
		if (next.running()) {
			throw new BusinessException(ErrorCode.CONFLICT, "Job " + name + " is running now");
		}
		// Already due: the next poll takes it.
		return next.at();
	}
}

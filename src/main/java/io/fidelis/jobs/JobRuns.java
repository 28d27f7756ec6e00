package io.fidelis.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.Timestamps;

/**
 * Runs jobs and keeps the record of every run in {@code job_run}, for operators; reads when each job runs next from
 * the scheduler's own table.
 */
@Repository
class JobRuns {

	/** Sanity: the record keeps the runs of the last 90 days. */
	static final Duration HISTORY = Duration.ofDays(90);
	/** The sizes of job_run's columns. */
	private static final int MAX_SUMMARY = 500;
	private static final int MAX_ERROR = 2000;
	private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

	private final JdbcClient jdbc;
	private final Clock clock;

	JobRuns(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One run of a job, as recorded; {@code summary} if it succeeded, {@code error} if it failed. */
	record Run(String job, String instance, Instant startedAt, Instant finishedAt, JobOutcome outcome, String summary,
			String error) {
	}

	/** A job's next run as the scheduler keeps it; while {@code running}, the run due at {@code at} is under way. */
	record Next(Instant at, boolean running) {
	}

	/** Runs the job now on this instance and records the run; a failure is recorded, then rethrown. */
	void run(Job job, String instance) {
		Instant started = clock.instant();
		String summary;
		try {
			summary = job.run(started);
		}
		catch (RuntimeException failure) {
			try {
				record(new Run(job.name(), instance, started, clock.instant(), JobOutcome.FAILED, null,
						cut(failure.toString(), MAX_ERROR)));
			}
			catch (RuntimeException unrecorded) {
				failure.addSuppressed(unrecorded);
			}
			throw failure;
		}
		record(new Run(job.name(), instance, started, clock.instant(), JobOutcome.SUCCEEDED, cut(summary, MAX_SUMMARY),
				null));
		log.info("Job {} ran on {}: {}", job.name(), instance, summary);
	}

	/** The job's last recorded run, in the order runs were recorded, whatever the clocks of the instances said. */
	Optional<Run> last(String job) {
		return jdbc.sql("""
				SELECT job, instance, started_at, finished_at, outcome, summary, error FROM job_run
				WHERE job = :job ORDER BY id DESC LIMIT 1""")
			.param("job", job)
			.query(JobRuns::run)
			.optional();
	}

	/** When the job runs next; empty until an instance running jobs has started once. */
	Optional<Next> next(String job) {
		return jdbc.sql("""
				SELECT execution_time, picked FROM scheduled_tasks
				WHERE task_name = :job AND task_instance = 'recurring'""")
			.param("job", job)
			.query((rs, n) -> new Next(Timestamps.instant(rs.getObject("execution_time", OffsetDateTime.class)),
					rs.getBoolean("picked")))
			.optional();
	}

	private void record(Run run) {
		jdbc.sql("""
				INSERT INTO job_run (job, instance, started_at, finished_at, outcome, summary, error)
				VALUES (:job, :instance, :startedAt, :finishedAt, :outcome, :summary, :error)""")
			.param("job", run.job())
			.param("instance", run.instance())
			.param("startedAt", Timestamps.sql(run.startedAt()))
			.param("finishedAt", Timestamps.sql(run.finishedAt()))
			.param("outcome", run.outcome().name())
			.param("summary", run.summary())
			.param("error", run.error())
			.update();
		jdbc.sql("DELETE FROM job_run WHERE job = :job AND started_at < :oldest")
			.param("job", run.job())
			.param("oldest", Timestamps.sql(run.startedAt().minus(HISTORY)))
			.update();
	}

	private static String cut(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
	}

	private static Run run(ResultSet rs, int row) throws SQLException {
		return new Run(rs.getString("job"), rs.getString("instance"),
				Timestamps.instant(rs.getObject("started_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("finished_at", OffsetDateTime.class)),
				JobOutcome.valueOf(rs.getString("outcome")), rs.getString("summary"), rs.getString("error"));
	}
}

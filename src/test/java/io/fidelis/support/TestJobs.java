package io.fidelis.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.jobs.Job;
import io.fidelis.shared.Timestamps;

/**
 * Moves the clock of a service that runs its jobs, and waits for the runs that made due: tests then see what they
 * did. The clock moves only while no job of the service runs or is due, so that no run starts at one time and ends
 * at another.
 */
@TestComponent
public class TestJobs {

	/** Sanity: a run over every program the test suite has made so far takes seconds, not a minute. */
	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final JdbcClient jdbc;
	private final MutableClock clock;
	private final List<String> names;

	TestJobs(JdbcClient jdbc, MutableClock clock, List<Job> jobs) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.names = jobs.stream().map(Job::name).toList();
	}

	/** Moves the clock forward, then waits for the runs due by then to be over. */
	public void advance(Duration duration) {
		awaitSettled();
		clock.advance(duration);
		awaitSettled();
	}

	/** Waits until no job of this service runs, and none is due at the clock's time. */
	public void awaitSettled() {
		await().atMost(PATIENCE).until(() -> jdbc.sql("""
				SELECT COUNT(*) FROM scheduled_tasks
				WHERE task_name IN (:names) AND (picked = TRUE OR execution_time <= :now)""")
			.param("names", names)
			.param("now", Timestamps.sql(clock.instant()))
			.query(Integer.class)
			.single() == 0);
	}

	/** How many runs of the job the instances of these names recorded, failed or not. */
	public int runs(String job, String... instances) {
		return jdbc.sql("SELECT COUNT(*) FROM job_run WHERE job = :job AND instance IN (:instances)")
			.param("job", job)
			.param("instances", List.of(instances))
			.query(Integer.class)
			.single();
	}

	/** The error recorded by the last run of the job, or null. */
	public String lastError(String job) {
		return jdbc.sql("SELECT error FROM job_run WHERE job = :job ORDER BY id DESC LIMIT 1")
			.param("job", job)
			.query(String.class)
			.optional()
			.orElse(null);
	}
}

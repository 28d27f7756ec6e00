package io.fidelis.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

/**
 * Runs the {@link Jobs} on db-scheduler. Each job has one row in {@code scheduled_tasks} holding its next run time;
 * an instance takes a due run by updating that row from unpicked to picked with the version it read, so exactly one
 * of the instances sharing the database wins each run. Due is decided by the application's {@link Clock}.
 * <p>
 * Starts once the application is ready, so that no job runs against a half-started service, and stops first on
 * shutdown, waiting for running jobs to finish. {@code fidelis.jobs.enabled=false} leaves it out: the instance then
 * runs no jobs, while the others still do.
 */
@Component
@ConditionalOnBooleanProperty(name = "fidelis.jobs.enabled", matchIfMissing = true)
class JobScheduler implements SmartLifecycle {

	/** Jobs run side by side, each holding a database connection: four leave the rest of the pool to the API. */
	private static final int THREADS = 4;
	/**
	 * How long shutdown waits for running jobs, then as long again once they were interrupted: 30 seconds in all, a
	 * usual grace period. What an interrupted run leaves undone, the job's next run does.
	 */
	private static final Duration SHUTDOWN_MAX_WAIT = Duration.ofSeconds(15);

	private final DataSource dataSource;
	private final Clock clock;
	private final Jobs jobs;
	private final JobRuns runs;
	private final String instanceName;
	private final Duration pollingInterval;
	private Scheduler scheduler;

	JobScheduler(DataSource dataSource, Clock clock, Jobs jobs, JobRuns runs,
			@Value("${fidelis.jobs.instance-name:}") String instanceName,
			@Value("${fidelis.jobs.polling-interval:10s}") Duration pollingInterval) {
		this.dataSource = dataSource;
		this.clock = clock;
		this.jobs = jobs;
		this.runs = runs;
		this.instanceName = instanceName.isBlank() ? new SchedulerName.Hostname().getName() : instanceName;
		this.pollingInterval = pollingInterval;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onApplicationReady() {
		start();
	}

	@Override
	public synchronized void start() {
		if (scheduler != null) {
			return;
		}
		List<RecurringTask<Void>> tasks = jobs.all().stream().map(this::task).toList();
		scheduler = new PollingOnRealTime(dataSource).startTasks(tasks)
			.clock(clock::instant)
			.schedulerName(new SchedulerName.Fixed(instanceName))
			// Both databases keep these columns as TIMESTAMP WITH TIME ZONE, bound as OffsetDateTime.
			.jdbcCustomization(new DefaultJdbcCustomization(false))
			.threads(THREADS)
			.pollingInterval(pollingInterval)
			.shutdownMaxWait(SHUTDOWN_MAX_WAIT)
			.failureLogging(LogLevel.ERROR, true)
			.build();
		scheduler.start();
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			scheduler.stop();
			scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

	/** Started by {@link #onApplicationReady()}, not with the other lifecycle beans, which start before that. */
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	private RecurringTask<Void> task(Job job) {
		return Tasks.recurring(job.name(), new OnSchedule(job.schedule()))
			.execute((instance, context) -> runs.run(job, instanceName));
	}

	/**
	 * A job's schedule as db-scheduler asks for it. Deterministic: when a job's schedule changes in the code, the next
	 * run time kept in the database moves with it at the next start.
	 */
	private record OnSchedule(JobSchedule schedule) implements Schedule {

		@Override
		public Instant getNextExecutionTime(ExecutionComplete complete) {
			return schedule.nextAfter(complete.getTimeDone());
		}

		@Override
		public boolean isDeterministic() {
			return true;
		}
	}

	/**
	 * Waits between polls on real time. db-scheduler would wait on its clock, which is the application's: a clock
	 * that tests hold still would then stop the polling altogether.
	 */
	private static final class PollingOnRealTime extends SchedulerBuilder {

		PollingOnRealTime(DataSource dataSource) {
			super(dataSource, List.of());
		}

		@Override
		protected Waiter buildWaiter() {
			return new Waiter(poolingInterval);
		}
	}
}

package io.fidelis.jobs;

import java.time.Instant;

/**
 * A recurring job of the installation, declared as a Spring bean by the module that owns its data; the scheduler
 * finds every bean of this type. However many instances of the service share the database, each due run happens
 * once, on one of them; a run that fell due while no instance was up happens once when one starts.
 * <p>
 * A job works across all tenants, and every run must be idempotent: a run may be repeated (after a crash, or after an
 * operator's request did the same work) and must then change nothing more.
 */
public interface Job {

	/**
	 * Unique and stable, {@code module.job} in lower case ({@code ledger.expiry}): the scheduler keeps the job's state
	 * and its history under this name.
	 */
	String name();

	JobSchedule schedule();

	/**
	 * Does the work due at {@code now}, the application clock's time when the run started.
	 *
	 * @return one line for operators that says what the run did
	 * @throws RuntimeException if the run failed: the failure is recorded and logged, and the job runs again at its
	 *         next time
	 */
	String run(Instant now);
}

package io.fidelis.jobs;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of a job for each item (each program, each tenant). An item whose step fails is logged and passed
 * over, so that one broken item does not hold up all the others; the run then fails as a whole once every item was
 * tried, and the job's next run tries again.
 */
public final class JobSteps {

	/**
	 * Sanity: after this many failures in a row the run gives up, since the cause is then rarely one item: with the
	 * database gone, each step would wait for a connection in vain.
	 */
	public static final int MAX_FAILURES_IN_A_ROW = 5;
	private static final Logger log = LoggerFactory.getLogger(JobSteps.class);

	private JobSteps() {
	}

	/**
	 * @param items what the job goes through, named in messages by {@code kind} ("programs") and {@code describe}
	 */
	public static <T> void forEach(String job, String kind, List<T> items, Function<T, String> describe,
			Consumer<T> step) {
		int failed = 0;
		int failedInARow = 0;
		for (T item : items) {
			try {
				step.accept(item);
				failedInARow = 0;
			}
			catch (RuntimeException failure) {
				failed++;
				if (++failedInARow == MAX_FAILURES_IN_A_ROW) {
					throw new IllegalStateException(job + " gave up after " + failedInARow + " " + kind
							+ " failed in a row", failure);
				}
				log.error("Job {} failed for {}", job, describe.apply(item), failure);
			}
		}
		if (failed > 0) {
			throw new IllegalStateException(job + " failed for " + failed + " of " + items.size() + " " + kind
					+ "; see the log");
		}
	}
}

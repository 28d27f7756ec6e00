package io.fidelis.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * When a job runs: every {@code interval}, at the multiples of it since midnight UTC (every hour on the hour, every
 * 10 minutes at :00, :10, ...), so that every instance, before and after a restart, agrees on the times. Runs missed
 * while no instance was up are not run one by one: the job runs once, then keeps to its times again.
 *
 * @param interval a whole number of minutes that divides a day, from one minute to one day
 */
public record JobSchedule(Duration interval) {

	private static final Duration DAY = Duration.ofDays(1);

	public JobSchedule {
		if (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0 || interval.compareTo(DAY) > 0
				|| interval.toSecondsPart() != 0 || interval.toNanosPart() != 0
				|| DAY.toMinutes() % interval.toMinutes() != 0) {
			throw new IllegalArgumentException(
					"a job runs every whole number of minutes that divides a day, from 1 minute to 1 day: " + interval);
		}
	}

	public static JobSchedule every(Duration interval) {
		return new JobSchedule(interval);
	}

	/** The first run time strictly after {@code instant}. */
	public Instant nextAfter(Instant instant) {
		long seconds = interval.toSeconds();
		return Instant.ofEpochSecond((Math.floorDiv(instant.getEpochSecond(), seconds) + 1) * seconds);
	}

	/** The schedule in words: {@code every 10 minutes}, {@code every hour}, {@code every day}. */
	public String description() {
		long minutes = interval.toMinutes();
		if (minutes == DAY.toMinutes()) {
			return "every day";
		}
		if (minutes % 60 == 0) {
			return minutes == 60 ? "every hour" : "every " + minutes / 60 + " hours";
		}
		return minutes == 1 ? "every minute" : "every " + minutes + " minutes";
	}
}

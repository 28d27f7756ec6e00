package io.fidelis.jobs;

/** How a run of a job ended; a failed run is tried again at the job's next time. */
public enum JobOutcome {
	SUCCEEDED, FAILED
}

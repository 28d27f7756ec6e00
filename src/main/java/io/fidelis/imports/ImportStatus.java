package io.fidelis.imports;

/** Where an import is: waiting for an instance, being processed, done (whatever its rows' errors), or given up. */
public enum ImportStatus {
	QUEUED, PROCESSING, DONE,
	/** Processing failed for a reason of the service, not of the file (see {@code failure}); no row is half-written. */
	FAILED
}

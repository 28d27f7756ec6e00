package io.fidelis.imports;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/**
 * An uploaded file and how far its processing went. Every row is counted once it was processed: applied (written
 * now), skipped (already there: the file or these rows were uploaded before) or failed (see the import's errors).
 *
 * @param failure why a {@link ImportStatus#FAILED} import was given up
 */
public record DataImport(UUID id, TenantId tenant, ImportKind kind, String fileName, ImportStatus status,
		int rowsTotal, int rowsProcessed, int rowsApplied, int rowsSkipped, int rowsFailed, String failure,
		Instant createdAt, Instant startedAt, Instant finishedAt) {

	/** Whether processing is over, done or given up: its counts no longer change. */
	public boolean finished() {
		return status == ImportStatus.DONE || status == ImportStatus.FAILED;
	}
}

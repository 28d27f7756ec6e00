package io.fidelis.imports;

import io.fidelis.shared.TenantId;

/** Applies the rows of one kind of import, each on its own: entirely, or not at all. */
interface RowImporter {

	ImportKind kind();

	/**
	 * Applies the row, or finds that an earlier upload did ({@link Outcome#SKIPPED}).
	 *
	 * @param storeId the store the uploading API key was bound to, or null
	 * @throws RowRefused if the row is wrong; nothing of it was written
	 */
	Outcome apply(TenantId tenant, String storeId, ImportRow row);

	enum Outcome {
		/** Written now. */
		APPLIED,
		/** Already there: written by an earlier upload, or by the API. */
		SKIPPED
	}
}

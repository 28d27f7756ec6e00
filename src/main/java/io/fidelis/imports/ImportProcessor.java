package io.fidelis.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Processes an import on the instance that claims it, a chunk of rows at a time: each row is applied on its own
 * (entirely or not at all), then the chunk's counts and errors are recorded and the claim's lease extended in one
 * transaction. An instance that stops mid-chunk leaves the chunk unrecorded; whoever resumes the import once the
 * lease has run out applies those rows again, which writes nothing twice, since every row is idempotent.
 */
@Component
class ImportProcessor {

	/** Rows between two records of progress: what a progress bar moves by, and what a resumed import redoes. */
	static final int CHUNK_ROWS = 100;
	/** A chunk takes seconds; an instance that has not recorded one for this long is taken to have stopped. */
	static final Duration LEASE = Duration.ofMinutes(2);
	/** Sanity: an import whose processing failed this many times for a reason of the service is given up. */
	static final int MAX_ATTEMPTS = 5;
	private static final Logger log = LoggerFactory.getLogger(ImportProcessor.class);

	private final Imports imports;
	private final Map<ImportKind, RowImporter> importers = new EnumMap<>(ImportKind.class);
	private final Clock clock;

	ImportProcessor(Imports imports, List<RowImporter> importers, Clock clock) {
		this.imports = imports;
		importers.forEach(importer -> this.importers.put(importer.kind(), importer));
		this.clock = clock;
	}

	/**
	 * Claims the import for {@code instance} and processes the rest of it; false if it could not be claimed (finished,
	 * or held by another instance).
	 *
	 * @throws RuntimeException for a failure of the service (the database gone): the import is left to its lease,
	 *         and resumed after it
	 */
	boolean process(UUID id, String instance) {
		Imports.Claim claim = imports.claim(id, instance, clock.instant(), clock.instant().plus(LEASE)).orElse(null);
		if (claim == null) {
			return false;
		}
		if (claim.attempts() > MAX_ATTEMPTS) {
			imports.finish(id, instance, ImportStatus.FAILED, "processing failed " + MAX_ATTEMPTS
					+ " times for a reason of the service; the rows processed are kept", clock.instant());
			return true;
		}
		RowImporter importer = importers.get(claim.kind());
		CsvReader.Table table = CsvReader.read(claim.content());
		List<String> columns = claim.kind().columns(table.header());
		List<CsvReader.Row> rows = table.rows();
		int processed = claim.rowsProcessed();
		while (processed < rows.size()) {
			int end = Math.min(processed + CHUNK_ROWS, rows.size());
			int applied = 0;
			int skipped = 0;
			int failed = 0;
			List<Imports.LineError> errors = new ArrayList<>();
			for (CsvReader.Row row : rows.subList(processed, end)) {
				try {
					RowImporter.Outcome outcome = importer.apply(claim.tenant(), claim.storeId(),
							ImportRow.of(columns, row));
					if (outcome == RowImporter.Outcome.APPLIED) {
						applied++;
					}
					else {
						skipped++;
					}
				}
				catch (RowRefused refused) {
					failed++;
					refused.errors()
						.forEach(error -> errors.add(new Imports.LineError(0, row.line(), error.column(),
								error.message())));
				}
			}
			if (!imports.progress(claim.tenant(), id, instance,
					new Imports.Progress(end, applied, skipped, failed, errors), clock.instant().plus(LEASE))) {
				log.info("Import {} was taken over by another instance after row {}", id, processed);
				return true;
			}
			processed = end;
		}
		imports.finish(id, instance, ImportStatus.DONE, null, clock.instant());
		return true;
	}
}

package io.fidelis.imports;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;

/**
 * CSV imports of members and of historical purchases and returns, as the API ({@code ImportController}) and the
 * back-office take them. An upload is checked as a whole (UTF-8, CSV, a header of known columns, at least one row,
 * at most {@value #MAX_ROWS}) and refused with a {@link BusinessException} if it is not one; otherwise it is stored,
 * and its rows are processed in the background once the transaction that stored it has committed, each applied or
 * refused on its own.
 */
@Service
public class DataImports {

	/** Sanity: a file of more rows is split; 100,000 rows take minutes, and the upload's size limit allows them. */
	public static final int MAX_ROWS = 100_000;
	private static final int MAX_FILE_NAME = 200;

	private final Imports imports;
	private final ImportWorker worker;
	private final Clock clock;

	DataImports(Imports imports, ImportWorker worker, Clock clock) {
		this.imports = imports;
		this.worker = worker;
		this.clock = clock;
	}

	/**
	 * Checks and stores the file as an import of this kind, {@link ImportStatus#QUEUED}. In a caller's transaction (to
	 * record something with it), the processing starts when that transaction commits, and not at all if it rolls back.
	 *
	 * @param storeId the store every row speaks for (an API key bound to a store), or null
	 * @param fileName the name shown in lists, or null
	 */
	@Transactional
	public DataImport upload(TenantId tenant, String storeId, ImportKind kind, String fileName, byte[] body) {
		if (fileName != null && (fileName.length() > MAX_FILE_NAME || fileName.isBlank())) {
			throw BusinessException.invalid("fileName", "must be 1 to " + MAX_FILE_NAME + " characters");
		}
		String content;
		CsvReader.Table table;
		try {
			content = CsvReader.decode(body == null ? new byte[0] : body);
			table = CsvReader.read(content);
		}
		catch (CsvReader.Unreadable unreadable) {
			throw new BusinessException(ErrorCode.INVALID_REQUEST,
					"The file is not CSV: line " + unreadable.line() + " " + unreadable.getMessage(),
					List.of(new FieldError("line " + unreadable.line(), unreadable.getMessage())));
		}
		kind.columns(table.header());
		if (table.rows().isEmpty()) {
			throw BusinessException.invalid("file", "has a header but no rows");
		}
		if (table.rows().size() > MAX_ROWS) {
			throw BusinessException.invalid("file", "has " + table.rows().size() + " rows; at most " + MAX_ROWS
					+ " per file: split it");
		}
		DataImport created = new DataImport(Ids.newId(clock), tenant, kind, fileName, ImportStatus.QUEUED,
				table.rows().size(), 0, 0, 0, 0, null, clock.instant(), null, null);
		imports.create(created, storeId, content);
		// The worker's thread reads the import: not before it is committed.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				worker.start(created.id());
			}
		});
		return created;
	}

	/** The tenant's imports, newest first, a page at a time. */
	public Page<DataImport> list(TenantId tenant, PageRequest page) {
		return page.page(imports.list(tenant, page), DataImport::createdAt, DataImport::id);
	}

	/** The import, with its progress; {@link ErrorCode#IMPORT_NOT_FOUND} if the tenant has none of this id. */
	public DataImport get(TenantId tenant, UUID id) {
		return imports.find(tenant, id)
			.orElseThrow(() -> new BusinessException(ErrorCode.IMPORT_NOT_FOUND, "No import with id " + id));
	}

	/**
	 * The errors of the import's rows in the order of the file, a page at a time: {@code cursor} is the
	 * {@code nextCursor} of the previous page. The first {@value Imports#MAX_ERRORS_RECORDED} errors are kept.
	 */
	public Page<ImportError> errors(TenantId tenant, UUID id, Integer limit, String cursor) {
		int size = PageRequest.of(limit, null).limit();
		int after = 0;
		if (cursor != null && !cursor.isEmpty()) {
			try {
				after = Integer.parseInt(cursor);
			}
			catch (NumberFormatException notOurs) {
				throw BusinessException.invalid("cursor", "is not a cursor returned by this API");
			}
		}
		get(tenant, id);
		List<Imports.LineError> errors = imports.errors(tenant, id, after, size + 1);
		boolean more = errors.size() > size;
		List<Imports.LineError> items = more ? errors.subList(0, size) : errors;
		return new Page<>(items.stream().map(e -> new ImportError(e.line(), e.column(), e.message())).toList(),
				more ? Integer.toString(items.get(items.size() - 1).number()) : null);
	}
}

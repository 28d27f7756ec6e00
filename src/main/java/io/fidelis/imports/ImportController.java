package io.fidelis.imports;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/**
 * CSV imports of members and of historical purchases and returns. An upload is checked as a whole (UTF-8, CSV, a
 * header of known columns) and refused with a problem if it is not one; otherwise it is stored and answered at once
 * with 202, and its rows are processed in the background, each applied or refused on its own. Clients poll the import
 * for its progress and page through its errors, line by line.
 */
@RestController
class ImportController {

	/** Sanity: a file of more rows is split; 100,000 rows take minutes, and the upload's size limit allows them. */
	static final int MAX_ROWS = 100_000;
	private static final int MAX_FILE_NAME = 200;

	private final Imports imports;
	private final ImportWorker worker;
	private final Clock clock;

	ImportController(Imports imports, ImportWorker worker, Clock clock) {
		this.imports = imports;
		this.worker = worker;
		this.clock = clock;
	}

	/**
	 * An import as clients see it: {@code rowsProcessed} of {@code rowsTotal} is the progress; of those processed,
	 * {@code rowsApplied} were written now, {@code rowsSkipped} were already there, {@code rowsFailed} have errors.
	 */
	record ImportResponse(UUID id, String kind, String fileName, ImportStatus status, int rowsTotal,
			int rowsProcessed, int rowsApplied, int rowsSkipped, int rowsFailed, String failure, Instant createdAt,
			Instant startedAt, Instant finishedAt) {

		static ImportResponse of(DataImport i) {
			return new ImportResponse(i.id(), i.kind().code(), i.fileName(), i.status(), i.rowsTotal(),
					i.rowsProcessed(), i.rowsApplied(), i.rowsSkipped(), i.rowsFailed(), i.failure(), i.createdAt(),
					i.startedAt(), i.finishedAt());
		}
	}

	/** A problem of one row: its line in the file, the column (null: the row as a whole), and what is wrong. */
	record ErrorResponse(int line, String column, String message) {
	}

	@PostMapping(path = "/api/v1/imports/members", consumes = "text/csv")
	ResponseEntity<ImportResponse> importMembers(Caller caller, @RequestParam(required = false) String fileName,
			@RequestBody(required = false) byte[] body) {
		return upload(caller.require(Scope.MEMBERS_WRITE), caller, ImportKind.MEMBERS, fileName, body);
	}

	@PostMapping(path = "/api/v1/imports/transactions", consumes = "text/csv")
	ResponseEntity<ImportResponse> importTransactions(Caller caller, @RequestParam(required = false) String fileName,
			@RequestBody(required = false) byte[] body) {
		return upload(caller.require(Scope.EVENTS_WRITE), caller, ImportKind.TRANSACTIONS, fileName, body);
	}

	private ResponseEntity<ImportResponse> upload(TenantId tenant, Caller caller, ImportKind kind, String fileName,
			byte[] body) {
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
		imports.create(created, caller.storeId(), content);
		worker.start(created.id());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/imports/" + created.id()))
			.body(ImportResponse.of(created));
	}

	/** The tenant's imports, newest first, a page at a time. */
	@GetMapping("/api/v1/imports")
	Page<ImportResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		PageRequest page = PageRequest.of(limit, cursor);
		Page<DataImport> found = page.page(imports.list(tenant, page), DataImport::createdAt, DataImport::id);
		return new Page<>(found.items().stream().map(ImportResponse::of).toList(), found.nextCursor());
	}

	/** The import's status and progress: what a progress bar polls. */
	@GetMapping("/api/v1/imports/{id}")
	ImportResponse get(Caller caller, @PathVariable UUID id) {
		return ImportResponse.of(find(caller.require(Scope.MEMBERS_READ), id));
	}

	/**
	 * The errors of the import's rows in the order of the file, a page at a time: {@code cursor} is the
	 * {@code nextCursor} of the previous page. The first {@value Imports#MAX_ERRORS_RECORDED} errors are kept.
	 */
	@GetMapping("/api/v1/imports/{id}/errors")
	Page<ErrorResponse> errors(Caller caller, @PathVariable UUID id, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
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
		find(tenant, id);
		List<Imports.LineError> errors = imports.errors(tenant, id, after, size + 1);
		boolean more = errors.size() > size;
		List<Imports.LineError> items = more ? errors.subList(0, size) : errors;
		return new Page<>(items.stream().map(e -> new ErrorResponse(e.line(), e.column(), e.message())).toList(),
				more ? Integer.toString(items.get(items.size() - 1).number()) : null);
	}

	private DataImport find(TenantId tenant, UUID id) {
		return imports.find(tenant, id)
			.orElseThrow(() -> new BusinessException(ErrorCode.IMPORT_NOT_FOUND, "No import with id " + id));
	}
}

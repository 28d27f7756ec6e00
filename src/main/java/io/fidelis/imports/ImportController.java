package io.fidelis.imports;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/**
 * CSV imports of members and of historical purchases and returns, through {@link DataImports}. An upload is checked
 * as a whole and refused with a problem if it is not CSV of known columns; otherwise it is stored and answered at once
 * with 202, and its rows are processed in the background. Clients poll the import for its progress and page through
 * its errors, line by line.
 */
@RestController
class ImportController {

	private final DataImports imports;

	ImportController(DataImports imports) {
		this.imports = imports;
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
		DataImport created = imports.upload(tenant, caller.storeId(), kind, fileName, body);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/imports/" + created.id()))
			.body(ImportResponse.of(created));
	}

	/** The tenant's imports, newest first, a page at a time. */
	@GetMapping("/api/v1/imports")
	Page<ImportResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		Page<DataImport> found = imports.list(caller.require(Scope.MEMBERS_READ), PageRequest.of(limit, cursor));
		return new Page<>(found.items().stream().map(ImportResponse::of).toList(), found.nextCursor());
	}

	/** The import's status and progress: what a progress bar polls. */
	@GetMapping("/api/v1/imports/{id}")
	ImportResponse get(Caller caller, @PathVariable UUID id) {
		return ImportResponse.of(imports.get(caller.require(Scope.MEMBERS_READ), id));
	}

	/**
	 * The errors of the import's rows in the order of the file, a page at a time: {@code cursor} is the
	 * {@code nextCursor} of the previous page. The first {@value Imports#MAX_ERRORS_RECORDED} errors are kept.
	 */
	@GetMapping("/api/v1/imports/{id}/errors")
	Page<ImportError> errors(Caller caller, @PathVariable UUID id, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return imports.errors(caller.require(Scope.MEMBERS_READ), id, limit, cursor);
	}
}

package io.fidelis.web.admin;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

import io.fidelis.analytics.CsvExport;
import io.fidelis.analytics.CsvExports;
import io.fidelis.imports.DataImport;
import io.fidelis.imports.DataImports;
import io.fidelis.imports.ImportError;
import io.fidelis.imports.ImportKind;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Imports and exports: upload a CSV of members or of historical transactions, follow its import (a progress bar that
 * polls until it is over, the errors line by line), download members, a segment's members or a member's statement.
 * Through the services the API uses ({@link DataImports}, {@link CsvExports}); every upload and download is audited.
 */
@Controller
class DataScreens {

	private static final int IMPORTS_PAGE = 20;
	private static final int ERRORS_PAGE = 50;

	private final DataImports imports;
	private final CsvExports exports;
	private final Programs programs;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;
	private final MessageSource messages;

	DataScreens(DataImports imports, CsvExports exports, Programs programs, AuditLog auditLog,
			TransactionOperations transactions, MessageSource messages) {
		this.imports = imports;
		this.exports = exports;
		this.programs = programs;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.messages = messages;
	}

	/** The page shows only what the operator's role may do: uploads and imports, exports, or both. */
	@GetMapping("/admin/data")
	String data(Operator operator, @RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("section", "data");
		if (operator.may(Permission.IMPORT_DATA)) {
			Page<DataImport> recent = imports.list(operator.tenantId(), PageRequest.of(IMPORTS_PAGE, cursor));
			model.addAttribute("imports", recent.items());
			model.addAttribute("nextCursor", recent.nextCursor());
			model.addAttribute("kinds", ImportKind.values());
		}
		if (operator.may(Permission.EXPORT_DATA)) {
			model.addAttribute("programs", programs.list(operator.tenantId()));
			model.addAttribute("defaultProgram", Programs.DEFAULT_CODE);
			model.addAttribute("segments", exports.segments());
		}
		return "screens/data";
	}

	/**
	 * The file itself is the body ({@code text/csv}, sent by the page's script with {@code fetch}): no multipart. The
	 * answer is 202 with the import's page as {@code Location}, where the script goes; a refused file goes back to
	 * the data page with the reason ({@code ScreenModel}), and nothing is stored.
	 */
	@PostMapping(path = "/admin/data/imports/{kind}", consumes = "text/csv")
	ResponseEntity<Void> upload(Operator operator, @PathVariable String kind,
			@RequestParam(required = false) String fileName, @RequestBody(required = false) byte[] body,
			HttpServletRequest request, HttpServletResponse response, Locale locale) {
		ImportKind importKind = Arrays.stream(ImportKind.values())
			.filter(known -> known.code().equals(kind))
			.findFirst()
			.orElseThrow(() -> BusinessException.invalid("kind", "must be members or transactions"));
		DataImport created = transactions.execute(tx -> {
			DataImport stored = upload(operator, importKind, fileName, body);
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("kind", importKind.code());
			after.put("fileName", fileName);
			after.put("rowsTotal", stored.rowsTotal());
			auditLog.record(operator, "import.started", "import", stored.id().toString(), importKind.code()
					+ " import of " + (fileName == null ? "a file" : fileName) + ": " + stored.rowsTotal() + " rows",
					null, after);
			return stored;
		});
		String page = "/admin/data/imports/" + created.id();
		RequestContextUtils.getOutputFlashMap(request)
			.put("notice", messages.getMessage("data.import.started", new Object[] { created.rowsTotal() }, locale));
		RequestContextUtils.saveOutputFlashMap(page, request, response);
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(page)).build();
	}

	/**
	 * The file stored as an import; a refusal tells each of its problems, since the page shows only the message (an
	 * API client reads them in the problem's {@code errors}), and which column or line is wrong is the point.
	 */
	private DataImport upload(Operator operator, ImportKind kind, String fileName, byte[] body) {
		try {
			return imports.upload(operator.tenantId(), null, kind, fileName, body);
		}
		catch (BusinessException refused) {
			String details = refused.errors().stream()
				.filter(error -> !refused.getMessage().contains(error.message()))
				.map(error -> error.field() + ": " + error.message())
				.collect(Collectors.joining("; "));
			throw details.isEmpty() ? refused
					: new BusinessException(refused.code(), refused.getMessage() + ". " + details, refused.errors());
		}
	}

	@GetMapping("/admin/data/imports/{id}")
	String dataImport(Operator operator, @PathVariable UUID id, @RequestParam(required = false) String cursor,
			Model model) {
		model.addAttribute("section", "data");
		model.addAttribute("cursor", cursor);
		model.addAttribute("dataImport", imports.get(operator.tenantId(), id));
		errors(operator, id, cursor, model);
		return "screens/data-import";
	}

	/**
	 * What the progress bar polls every second while the import runs. Once it is over, the answer has no more polling
	 * and brings the errors along (an out-of-band swap), which the page could not list while rows were processed.
	 */
	@GetMapping("/admin/data/imports/{id}/progress")
	String progress(Operator operator, @PathVariable UUID id, Model model) {
		DataImport found = imports.get(operator.tenantId(), id);
		model.addAttribute("dataImport", found);
		if (found.finished()) {
			errors(operator, id, null, model);
			model.addAttribute("swapErrors", true);
		}
		return "screens/data-import-progress";
	}

	/** A page of the import's errors, in the order of the file. */
	private void errors(Operator operator, UUID id, String cursor, Model model) {
		Page<ImportError> errors = imports.errors(operator.tenantId(), id, ERRORS_PAGE, cursor);
		model.addAttribute("errors", errors.items());
		model.addAttribute("nextErrors", errors.nextCursor());
	}

	/** Every member with their balances and tier in one program, and their segment. */
	@GetMapping("/admin/data/exports/members")
	void exportMembers(Operator operator, @RequestParam(required = false) String program,
			HttpServletResponse response) throws IOException {
		download(operator, exports.members(operator.tenantId(), blankToNull(program)), "export", "members", response);
	}

	/** The members of an RFM segment. */
	@GetMapping("/admin/data/exports/segment")
	void exportSegment(Operator operator, @RequestParam String segment, HttpServletResponse response)
			throws IOException {
		download(operator, exports.segment(operator.tenantId(), segment), "segment", segment, response);
	}

	/** A member's statement, linked from their profile. */
	@GetMapping("/admin/data/exports/members/{id}/statement")
	void exportStatement(Operator operator, @PathVariable UUID id, HttpServletResponse response) throws IOException {
		download(operator, exports.statement(operator.tenantId(), id), "member", id.toString(), response);
	}

	/** The export was checked when it was made: what is recorded is a download that starts. */
	private void download(Operator operator, CsvExport export, String subjectType, String subjectId,
			HttpServletResponse response) throws IOException {
		transactions.executeWithoutResult(tx -> auditLog.record(operator, "export.downloaded", subjectType, subjectId,
				export.fileName(), null, null));
		export.writeTo(response);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}

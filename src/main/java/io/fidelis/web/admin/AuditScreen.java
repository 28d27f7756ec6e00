package io.fidelis.web.admin;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.tenant.AuditEntry;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.AuditLog.AuditSearch;
import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Operators;

/** The audit log, searchable by text, operator, action, what was changed, and period. */
@Controller
class AuditScreen {

	private final AuditLog auditLog;
	private final Operators operators;

	AuditScreen(AuditLog auditLog, Operators operators) {
		this.auditLog = auditLog;
		this.operators = operators;
	}

	@GetMapping("/admin/audit")
	String search(Operator operator, @RequestParam(required = false) String q,
			@RequestParam(required = false) UUID by, @RequestParam(required = false) String action,
			@RequestParam(required = false) String subject, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String cursor, Model model) {
		ZoneId zone = model.getAttribute("zone") instanceof ZoneId tenantZone ? tenantZone : ZoneOffset.UTC;
		LocalDate fromDay = ScreenFields.day("from", from);
		LocalDate toDay = ScreenFields.day("to", to);
		AuditSearch search = new AuditSearch(null, ScreenFields.text("subject", subject, 200), by, ScreenFields.text("action", action, 60),
				fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
				toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant(), ScreenFields.text("q", q, 200));
		Page<AuditEntry> entries = auditLog.search(operator.tenantId(), search, PageRequest.of(50, cursor));
		model.addAttribute("section", "audit");
		model.addAttribute("entries", entries.items());
		model.addAttribute("nextCursor", entries.nextCursor());
		model.addAttribute("operators", operators.list(operator.tenantId()));
		model.addAttribute("actions", auditLog.actions(operator.tenantId()));
		model.addAttribute("q", q);
		model.addAttribute("by", by);
		model.addAttribute("action", action);
		model.addAttribute("subject", subject);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "screens/audit";
	}
}

package io.fidelis.web.admin;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.jobs.JobBoard;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;

/**
 * The installation's jobs: schedule, last run, next run; and a run asked for now, which an instance running jobs
 * takes at its next poll (audited in the operator's tenant, though a job works for every tenant).
 */
@Controller
class JobScreens {

	private final JobBoard board;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;

	JobScreens(JobBoard board, AuditLog auditLog, TransactionOperations transactions) {
		this.board = board;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	@GetMapping("/admin/jobs")
	String list(Operator operator, Model model) {
		model.addAttribute("section", "jobs");
		model.addAttribute("jobs", board.list());
		return "screens/jobs";
	}

	@PostMapping("/admin/jobs/{name}/run")
	String runSoon(Operator operator, @PathVariable String name, RedirectAttributes redirect) {
		transactions.executeWithoutResult(tx -> {
			board.runSoon(name);
			auditLog.record(operator, "job.run-requested", "job", name, name, null, null);
		});
		redirect.addFlashAttribute("notice", name + " ✓");
		return "redirect:/admin/jobs";
	}
}

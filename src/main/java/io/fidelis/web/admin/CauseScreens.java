package io.fidelis.web.admin;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.reward.Cause;
import io.fidelis.reward.Causes;
import io.fidelis.shared.BusinessException;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The tenant's charity causes: list, create, edit texts and image, retire; each change audited. */
@Controller
class CauseScreens {

	/** The form's fields, as the API's cause request has them. */
	record CauseForm(@NotNull @Valid Cause.Texts texts, @Size(max = 500) @Pattern(regexp = "https?://\\S+",
			message = "must be an http or https URL") String imageUrl) {
	}

	private final Causes causes;
	private final Forms forms;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;

	CauseScreens(Causes causes, Forms forms, AuditLog auditLog, TransactionOperations transactions) {
		this.causes = causes;
		this.forms = forms;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	@GetMapping("/admin/programs/causes")
	String list(Operator operator, Model model) {
		model.addAttribute("section", "programs");
		model.addAttribute("causes", causes.list(operator.tenantId()));
		return "screens/causes";
	}

	@PostMapping("/admin/programs/causes")
	String create(Operator operator, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		String code = Forms.text(form, "code");
		if (code == null || !code.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
			throw BusinessException.invalid("code", "must be 1 to 32 lower-case letters, digits, '-' or '_'");
		}
		CauseForm cause = forms.valid(form(form));
		transactions.executeWithoutResult(tx -> {
			Cause made = causes.create(operator.tenantId(), code, cause.texts(), cause.imageUrl());
			auditLog.record(operator, "cause.created", "cause", code, code, null, made);
		});
		redirect.addFlashAttribute("notice", code + " ✓");
		return "redirect:/admin/programs/causes";
	}

	@PostMapping("/admin/programs/causes/{code}")
	String update(Operator operator, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		CauseForm cause = forms.valid(form(form));
		transactions.executeWithoutResult(tx -> {
			Cause before = causes.get(operator.tenantId(), code);
			Cause after = causes.update(operator.tenantId(), code, cause.texts(), cause.imageUrl());
			auditLog.record(operator, "cause.updated", "cause", code, code, before, after);
		});
		redirect.addFlashAttribute("notice", code + " ✓");
		return "redirect:/admin/programs/causes";
	}

	@PostMapping("/admin/programs/causes/{code}/retire")
	String retire(Operator operator, @PathVariable String code, RedirectAttributes redirect) {
		transactions.executeWithoutResult(tx -> {
			Cause before = causes.get(operator.tenantId(), code);
			Cause after = causes.retire(operator.tenantId(), code);
			auditLog.record(operator, "cause.retired", "cause", code, code, before, after);
		});
		redirect.addFlashAttribute("notice", code + " ✓");
		return "redirect:/admin/programs/causes";
	}

	private static CauseForm form(MultiValueMap<String, String> form) {
		return new CauseForm(new Cause.Texts(text(form, "En"), text(form, "Fr")), Forms.text(form, "imageUrl"));
	}

	/** A language's name and description; none if both are blank. */
	private static Cause.Text text(MultiValueMap<String, String> form, String language) {
		String name = Forms.text(form, "name" + language);
		String description = Forms.text(form, "description" + language);
		return name == null && description == null ? null : new Cause.Text(name, description);
	}
}

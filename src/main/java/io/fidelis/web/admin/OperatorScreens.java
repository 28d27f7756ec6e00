package io.fidelis.web.admin;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.shared.BusinessException;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;

/**
 * The owner's page of operators: add one with a role and a first password, change a role, take access away or give
 * it back, set a new password for one who forgot theirs. Each change is audited in its transaction. And every
 * operator's own account page, to change their password.
 */
@Controller
class OperatorScreens {

	private final Operators operators;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;
	private final Clock clock;

	OperatorScreens(Operators operators, AuditLog auditLog, TransactionOperations transactions, Clock clock) {
		this.operators = operators;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.clock = clock;
	}

	@GetMapping("/admin/operators")
	String list(Operator operator, Model model) {
		model.addAttribute("section", "operators");
		model.addAttribute("operators", operators.list(operator.tenantId()));
		model.addAttribute("roles", Role.values());
		model.addAttribute("now", clock.instant());
		return "screens/operators";
	}

	@PostMapping("/admin/operators")
	String create(Operator owner, @RequestParam String email, @RequestParam(required = false) String name,
			@RequestParam String role, @RequestParam String password, RedirectAttributes redirect) {
		Role chosen = role(role);
		Operator created = transactions.execute(tx -> {
			Operator made = operators.create(owner.tenantId(), email, name, chosen, password);
			auditLog.record(owner, "operator.created", "operator", made.id().toString(),
					made.email() + " as " + chosen, null, made);
			return made;
		});
		redirect.addFlashAttribute("notice", created.email() + " ✓");
		return "redirect:/admin/operators";
	}

	@PostMapping("/admin/operators/{id}/role")
	String changeRole(Operator owner, @PathVariable UUID id, @RequestParam String role, RedirectAttributes redirect) {
		Role chosen = role(role);
		transactions.executeWithoutResult(tx -> {
			Operator before = operators.get(owner.tenantId(), id);
			Operator after = operators.changeRole(owner.tenantId(), id, chosen);
			auditLog.record(owner, "operator.role-changed", "operator", id.toString(),
					after.email() + ": " + before.role() + " → " + chosen, before, after);
		});
		return "redirect:/admin/operators";
	}

	@PostMapping("/admin/operators/{id}/access")
	String setAccess(Operator owner, @PathVariable UUID id, @RequestParam boolean disabled) {
		transactions.executeWithoutResult(tx -> {
			Operator before = operators.get(owner.tenantId(), id);
			Operator after = operators.setDisabled(owner.tenantId(), id, disabled);
			auditLog.record(owner, disabled ? "operator.disabled" : "operator.enabled", "operator", id.toString(),
					after.email(), before, after);
		});
		return "redirect:/admin/operators";
	}

	@PostMapping("/admin/operators/{id}/password")
	String setPassword(Operator owner, @PathVariable UUID id, @RequestParam String password,
			RedirectAttributes redirect) {
		transactions.executeWithoutResult(tx -> {
			Operator target = operators.get(owner.tenantId(), id);
			operators.setPassword(owner.tenantId(), id, password);
			// Never the password itself, not even hashed.
			auditLog.record(owner, "operator.password-set", "operator", id.toString(), target.email(), null, null);
		});
		redirect.addFlashAttribute("notice", "✓");
		return "redirect:/admin/operators";
	}

	@GetMapping("/admin/account")
	String account(Operator operator, Model model) {
		model.addAttribute("section", "account");
		return "screens/account";
	}

	@PostMapping("/admin/account/password")
	String changeOwnPassword(Operator operator, @RequestParam String current, @RequestParam String password,
			RedirectAttributes redirect) {
		transactions.executeWithoutResult(tx -> {
			operators.changePassword(operator.tenantId(), operator.id(), current, password);
			auditLog.record(operator, "operator.password-changed", "operator", operator.id().toString(),
					operator.email(), null, null);
		});
		redirect.addFlashAttribute("notice", "✓");
		return "redirect:/admin/account";
	}

	private static Role role(String code) {
		return Role.find(code).orElseThrow(() -> BusinessException.invalid("role", "is not one of owner, manager, "
				+ "marketer, analyst, cashier"));
	}
}

package io.fidelis.web.admin;

import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.membership.MembershipPlan;
import io.fidelis.membership.MembershipPlanCatalog;
import io.fidelis.membership.MembershipPlans;
import io.fidelis.membership.MembershipTerm;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import jakarta.servlet.http.HttpServletResponse;

/** The paid membership plans: list, create, edit, retire, through the catalog the API uses; each change audited. */
@Controller
class MembershipPlanScreens {

	private final MembershipPlanCatalog plans;
	private final Programs programs;
	private final Forms forms;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;

	MembershipPlanScreens(MembershipPlanCatalog plans, Programs programs, Forms forms, AuditLog auditLog,
			TransactionOperations transactions) {
		this.plans = plans;
		this.programs = programs;
		this.forms = forms;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	@GetMapping("/admin/programs/plans")
	String list(Operator operator, Model model) {
		model.addAttribute("section", "programs");
		model.addAttribute("plans", plans.list(operator.tenantId()));
		return "screens/plans";
	}

	@GetMapping("/admin/programs/plans/new")
	String newPlan(Operator operator, Model model, HttpServletResponse response) {
		String forbidden = Forms.forbiddenUnlessEditor(operator, response);
		return forbidden != null ? forbidden : form(operator, null, model);
	}

	@GetMapping("/admin/programs/plans/{code}/edit")
	String edit(Operator operator, @PathVariable String code, Model model, HttpServletResponse response) {
		String forbidden = Forms.forbiddenUnlessEditor(operator, response);
		return forbidden != null ? forbidden : form(operator, plans.get(operator.tenantId(), code), model);
	}

	private String form(Operator operator, MembershipPlans.Entry plan, Model model) {
		model.addAttribute("section", "programs");
		model.addAttribute("plan", plan == null ? null : plan.plan());
		model.addAttribute("perksEn", plan == null ? "" : String.join("\n", plan.plan().perks().en()));
		model.addAttribute("perksFr", plan == null ? "" : String.join("\n", plan.plan().perks().fr()));
		model.addAttribute("terms", MembershipTerm.values());
		model.addAttribute("programs", programs.list(operator.tenantId()));
		return "screens/plan";
	}

	@PostMapping("/admin/programs/plans")
	String create(Operator operator, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		MembershipPlan plan = forms.valid(plan(form, Forms.text(form, "code")));
		if (plan.code() == null) {
			throw BusinessException.invalid("code", "is required");
		}
		transactions.executeWithoutResult(tx -> {
			MembershipPlans.Entry made = plans.create(operator.tenantId(), plan);
			auditLog.record(operator, "membership-plan.created", "membership-plan", plan.code(),
					plan.code() + ": " + plan.price().toPlainString() + " " + plan.currency() + " "
							+ plan.term().name().toLowerCase(Locale.ROOT),
					null, made);
		});
		redirect.addFlashAttribute("notice", plan.code() + " ✓");
		return "redirect:/admin/programs/plans";
	}

	@PostMapping("/admin/programs/plans/{code}")
	String update(Operator operator, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		MembershipPlan plan = forms.valid(plan(form, code));
		transactions.executeWithoutResult(tx -> {
			MembershipPlans.Entry before = plans.get(operator.tenantId(), code);
			MembershipPlans.Entry after = plans.update(operator.tenantId(), code, plan);
			auditLog.record(operator, "membership-plan.updated", "membership-plan", code, code, before, after);
		});
		redirect.addFlashAttribute("notice", code + " ✓");
		return "redirect:/admin/programs/plans";
	}

	@PostMapping("/admin/programs/plans/{code}/retire")
	String retire(Operator operator, @PathVariable String code, RedirectAttributes redirect) {
		transactions.executeWithoutResult(tx -> {
			MembershipPlans.Entry before = plans.get(operator.tenantId(), code);
			MembershipPlans.Entry after = plans.retire(operator.tenantId(), code);
			auditLog.record(operator, "membership-plan.retired", "membership-plan", code, code, before, after);
		});
		redirect.addFlashAttribute("notice", code + " ✓");
		return "redirect:/admin/programs/plans";
	}

	private static MembershipPlan plan(MultiValueMap<String, String> form, String code) {
		MembershipTerm term = Forms.choice(form, "term", MembershipTerm.class);
		return new MembershipPlan(code, new MembershipPlan.Names(Forms.text(form, "nameFr"), Forms.text(form, "nameEn")),
				Forms.decimal(form, "price"), Forms.text(form, "currency"), term,
				term == MembershipTerm.DAYS ? Forms.whole(form, "termDays") : null,
				term == MembershipTerm.DAYS ? Boolean.FALSE : form.containsKey("autoRenew"),
				Forms.whole(form, "trialDays"), Forms.whole(form, "graceDays"), Forms.text(form, "program"),
				Forms.text(form, "tier"), Forms.decimal(form, "earnMultiplier"),
				new MembershipPlan.Perks(Forms.lines(Forms.text(form, "perksFr")),
						Forms.lines(Forms.text(form, "perksEn"))),
				Forms.items(Forms.text(form, "rewards")));
	}
}

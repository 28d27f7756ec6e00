package io.fidelis.web.admin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import io.fidelis.tier.Tier;
import io.fidelis.tier.TierLadder;
import io.fidelis.tier.TierLadders;
import io.fidelis.tier.TierMetric;

/**
 * A program's ladder of tiers: read by whoever sees programs, put whole (as {@code PUT .../tiers} puts it) by those
 * who edit them. The form has a row per tier and a blank one to add a tier; a row whose code is blanked is left out.
 */
@Controller
class TierScreens {

	private final Programs programs;
	private final TierLadders ladders;
	private final Forms forms;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;

	TierScreens(Programs programs, TierLadders ladders, Forms forms, AuditLog auditLog,
			TransactionOperations transactions) {
		this.programs = programs;
		this.ladders = ladders;
		this.forms = forms;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/** A tier as the form shows it, perks one per line. */
	record TierRow(String code, String nameFr, String nameEn, String threshold, String earnMultiplier, String perksFr,
			String perksEn, String welcomeReward) {

		static TierRow of(Tier tier) {
			return new TierRow(tier.code(), tier.names().fr(), tier.names().en(), tier.threshold().toPlainString(),
					tier.earnMultiplier().stripTrailingZeros().toPlainString(), String.join("\n", tier.perks().fr()),
					String.join("\n", tier.perks().en()), tier.welcomeReward());
		}
	}

	@GetMapping("/admin/programs/{code}/tiers")
	String ladder(Operator operator, @PathVariable String code, Model model) {
		Program program = programs.get(operator.tenantId(), code);
		TierLadder ladder = ladders.find(operator.tenantId(), program.id()).orElse(null);
		List<TierRow> rows = new ArrayList<>();
		if (ladder != null) {
			ladder.tiers().forEach(tier -> rows.add(TierRow.of(tier)));
		}
		rows.add(new TierRow("", "", "", rows.isEmpty() ? "0" : "", "1", "", "", ""));
		model.addAttribute("section", "programs");
		model.addAttribute("program", program);
		model.addAttribute("ladder", ladder);
		model.addAttribute("rows", rows);
		model.addAttribute("metrics", TierMetric.values());
		model.addAttribute("downgrades", TierLadder.Downgrade.values());
		return "screens/tiers";
	}

	@PostMapping("/admin/programs/{code}/tiers")
	String replace(Operator operator, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		TierLadder ladder = forms.valid(ladder(form));
		transactions.executeWithoutResult(tx -> {
			Program program = programs.get(operator.tenantId(), code);
			TierLadder before = ladders.find(operator.tenantId(), program.id()).orElse(null);
			ladders.replace(operator.tenantId(), program, ladder);
			auditLog.record(operator, "tiers.replaced", "program", program.code(), program.code() + ": "
					+ String.join(", ", ladder.tiers().stream().map(Tier::code).toList()), before, ladder);
		});
		redirect.addFlashAttribute("notice", "✓");
		return "redirect:/admin/programs/" + code + "/tiers";
	}

	/** The ladder the form describes; rows without a code are the blank row or tiers taken out. */
	private static TierLadder ladder(MultiValueMap<String, String> form) {
		List<String> codes = column(form, "tierCode");
		List<Tier> tiers = new ArrayList<>();
		for (int i = 0; i < codes.size(); i++) {
			String tierCode = Forms.blankToNull(codes.get(i));
			if (tierCode == null) {
				continue;
			}
			String field = "tiers[" + tiers.size() + "]";
			tiers.add(new Tier(tierCode,
					new Tier.Names(cell(form, "nameFr", i), cell(form, "nameEn", i)),
					Forms.decimal(cell(form, "threshold", i), field + ".threshold"),
					Forms.decimal(cell(form, "earnMultiplier", i), field + ".earnMultiplier"),
					new Tier.Perks(Forms.lines(cell(form, "perksFr", i)), Forms.lines(cell(form, "perksEn", i))),
					cell(form, "welcomeReward", i)));
		}
		if (tiers.isEmpty()) {
			throw BusinessException.invalid("tiers", "a ladder has at least its base tier");
		}
		TierLadder.Window.Kind windowKind = Forms.choice(form, "windowType", TierLadder.Window.Kind.class);
		TierLadder.Review.Kind reviewKind = Forms.choice(form, "reviewType", TierLadder.Review.Kind.class);
		TierMetric metric = Forms.choice(form, "metric", TierMetric.class);
		return new TierLadder(metric, metric == TierMetric.EXPRESSION ? Forms.text(form, "expression") : null,
				windowKind == null ? null
						: new TierLadder.Window(windowKind, windowKind == TierLadder.Window.Kind.ROLLING
								? Forms.whole(form, "windowMonths") : null),
				Forms.choice(form, "downgrade", TierLadder.Downgrade.class), Forms.whole(form, "graceDays"),
				reviewKind == null ? null
						: new TierLadder.Review(reviewKind,
								reviewKind == TierLadder.Review.Kind.FIXED ? Forms.text(form, "reviewDate") : null),
				form.containsKey("returnsBringReviewForward"), tiers);
	}

	private static List<String> column(MultiValueMap<String, String> form, String field) {
		List<String> values = form.get(field);
		return values == null ? List.of() : values;
	}

	/** Row {@code i} of a column, null if blank or missing. */
	private static String cell(MultiValueMap<String, String> form, String field, int i) {
		List<String> values = column(form, field);
		return i < values.size() ? Forms.blankToNull(values.get(i)) : null;
	}
}

package io.fidelis.web.admin;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.fidelis.analytics.KpiReports;
import io.fidelis.analytics.ProgramCosts;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.Money;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;

/**
 * What the program costs each month, as the operator enters it (staff, printing, the platform…): the dashboard's
 * acquisition cost, program cost and ROI count it with the value of the units redeemed.
 */
@Controller
class CostScreen {

	private final ProgramCosts costs;
	private final Programs programs;
	private final KpiReports kpis;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;

	CostScreen(ProgramCosts costs, Programs programs, KpiReports kpis, AuditLog auditLog,
			TransactionOperations transactions) {
		this.costs = costs;
		this.programs = programs;
		this.kpis = kpis;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/** A month's entry as the page shows it, in major units. */
	record Row(YearMonth month, BigDecimal amount, String note) {
	}

	@GetMapping("/admin/dashboard/costs")
	String list(Operator operator, @RequestParam(required = false) String program, Model model) {
		Program chosen = programs.get(operator.tenantId(), program == null ? Programs.DEFAULT_CODE : program);
		YearMonth last = YearMonth.from(kpis.today(operator.tenantId()));
		List<Row> rows = costs.list(operator.tenantId(), chosen, last.minusMonths(11), last).stream()
			.map(entry -> new Row(entry.month(), major(entry.amountMinor(), chosen), entry.note()))
			.toList();
		model.addAttribute("section", "dashboard");
		model.addAttribute("program", chosen);
		model.addAttribute("programs", programs.list(operator.tenantId()));
		model.addAttribute("rows", rows);
		model.addAttribute("thisMonth", last);
		return "screens/costs";
	}

	@PostMapping("/admin/dashboard/costs")
	String enter(Operator operator, @RequestParam String program, @RequestParam String month,
			@RequestParam String amount, @RequestParam(required = false) String note) {
		Program chosen = programs.get(operator.tenantId(), program);
		YearMonth costMonth = month(month);
		Money money = Money.parse(decimal(amount), chosen.currency(), "amount");
		String text = ScreenFields.text("note", note, 500);
		transactions.executeWithoutResult(tx -> {
			List<ProgramCosts.EnteredCost> before = costs.list(operator.tenantId(), chosen, costMonth, costMonth);
			ProgramCosts.EnteredCost after = costs.put(operator.tenantId(), chosen, costMonth, money.minorUnits(), text);
			auditLog.record(operator, "cost.entered", "program", chosen.code(),
					costMonth + ": " + money.majorUnits().toPlainString() + " " + chosen.currency().getCurrencyCode(),
					before.isEmpty() ? null : before.get(0), after);
		});
		return "redirect:/admin/dashboard/costs?program=" + chosen.code();
	}

	private static BigDecimal major(long minor, Program program) {
		return BigDecimal.valueOf(minor, program.currency().getDefaultFractionDigits());
	}

	private static YearMonth month(String value) {
		try {
			return YearMonth.parse(value.strip());
		}
		catch (DateTimeParseException notAMonth) {
			throw BusinessException.invalid("month", "must be a month such as 2026-11");
		}
	}

	private static BigDecimal decimal(String value) {
		try {
			return new BigDecimal(value.strip().replace(',', '.'));
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid("amount", "must be an amount such as 1200.00");
		}
	}
}

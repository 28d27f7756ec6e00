package io.fidelis.web.admin;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.fidelis.analytics.KpiReports;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.tenant.Operator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard: the program's KPIs for a period against the previous one, and charts of members, units, liability,
 * tiers and rewards over it. Read from the analytics roll-ups, never from the postings themselves.
 */
@Controller
class DashboardScreen {

	/** The periods offered, in days up to today. */
	static final List<Integer> PERIODS = List.of(7, 30, 90, 365);

	private static final List<String> CHART_LABELS = List.of("enrolled", "active", "issued", "redeemed", "expired",
			"liability", "redemptionRate", "members", "redemptions");

	private final KpiReports reports;
	private final Programs programs;
	private final MessageSource messages;
	private final JsonMapper json;

	DashboardScreen(KpiReports reports, Programs programs, MessageSource messages, JsonMapper json) {
		this.reports = reports;
		this.programs = programs;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/admin")
	String dashboard(Operator operator, @RequestParam(defaultValue = "30") int days,
			@RequestParam(required = false) String program, Model model, Locale locale) {
		if (!PERIODS.contains(days)) {
			throw BusinessException.invalid("days", "must be one of " + PERIODS);
		}
		String code = program == null || program.isBlank() ? Programs.DEFAULT_CODE : program;
		LocalDate to = reports.today(operator.tenantId());
		LocalDate from = to.minusDays(days - 1L);
		KpiReports.Summary summary = reports.summary(operator.tenantId(), from, to, code, null);
		KpiReports.Series series = reports.series(operator.tenantId(), from, to, code, null,
				days > 90 ? "month" : "day");
		model.addAttribute("section", "dashboard");
		model.addAttribute("summary", summary);
		model.addAttribute("days", days);
		model.addAttribute("periods", PERIODS);
		model.addAttribute("program", code);
		model.addAttribute("programs", programs.list(operator.tenantId()));
		// For the charts (dashboard.js): data in JSON blocks, which the content security policy lets no one run. No "<"
		// is left in them, so that no text in the data (a tier's name) can close the block.
		model.addAttribute("chartData", inert(series));
		Map<String, String> labels = new LinkedHashMap<>();
		for (String key : CHART_LABELS) {
			labels.put(key, messages.getMessage("chart.label." + key, null, locale));
		}
		model.addAttribute("labels", inert(labels));
		return "screens/dashboard";
	}

	private String inert(Object data) {
		return json.writeValueAsString(data).replace("<", "\\u003c");
	}
}

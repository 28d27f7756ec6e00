package io.fidelis.web.admin;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.fidelis.analytics.AudienceReports;
import io.fidelis.analytics.KpiReports;
import io.fidelis.tenant.Operator;

/**
 * Who the members are: the NPS of the last 90 days, the RFM segments, lapsed members to win back, and retention by
 * enrolment month (a heat-map).
 */
@Controller
class AudienceScreen {

	static final List<Integer> LAPSED_WINDOWS = List.of(30, 60, 90, 180);
	static final int NPS_DAYS = 90;

	private final AudienceReports audience;
	private final KpiReports kpis;

	AudienceScreen(AudienceReports audience, KpiReports kpis) {
		this.audience = audience;
		this.kpis = kpis;
	}

	@GetMapping("/admin/dashboard/audience")
	String audience(Operator operator, Model model) {
		var today = kpis.today(operator.tenantId());
		model.addAttribute("section", "dashboard");
		model.addAttribute("nps", audience.nps(operator.tenantId(), today.minusDays(NPS_DAYS - 1L), today));
		model.addAttribute("npsDays", NPS_DAYS);
		model.addAttribute("segments", audience.segments(operator.tenantId()));
		model.addAttribute("lapsed", audience.lapsed(operator.tenantId(), LAPSED_WINDOWS));
		model.addAttribute("cohorts", kpis.cohorts(operator.tenantId(), null, null, null));
		return "screens/audience";
	}
}

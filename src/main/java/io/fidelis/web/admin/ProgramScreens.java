package io.fidelis.web.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.fidelis.program.Programs;
import io.fidelis.tenant.Operator;

/** The tenant's programs: their unit, its value and expiry, and the sections that configure each. */
@Controller
class ProgramScreens {

	private final Programs programs;

	ProgramScreens(Programs programs) {
		this.programs = programs;
	}

	@GetMapping("/admin/programs")
	String list(Operator operator, Model model) {
		model.addAttribute("section", "programs");
		model.addAttribute("programs", programs.list(operator.tenantId()));
		return "screens/programs";
	}
}

package io.fidelis.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Permission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;

/** The log-in page (Spring Security checks the form it posts) and the page a role may not open. */
@Controller
class LogInScreen {

	@GetMapping("/login")
	String logIn() {
		return "screens/login";
	}

	/** Any method: a refused POST (a missing CSRF token, a role without the right) is forwarded here as it came. */
	@RequestMapping("/admin/forbidden")
	String forbidden(HttpServletRequest request, Model model) {
		Operator operator = CurrentOperator.of(request);
		model.addAttribute("home", operator != null && !operator.may(Permission.VIEW_DASHBOARD) ? "/pos" : "/admin");
		return "screens/forbidden";
	}
}

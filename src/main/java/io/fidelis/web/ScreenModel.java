package io.fidelis.web;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;
import org.springframework.web.servlet.support.RequestContextUtils;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Permission;
import io.fidelis.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What every screen shows around its content (the operator, what they may open, their tenant's name), and how a
 * refused change is told: back to the page it came from, with the reason above it.
 */
@ControllerAdvice(basePackageClasses = ScreenModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScreenModel {

	private final Tenants tenants;
	private final Programs programs;
	private final MessageSource messages;

	ScreenModel(Tenants tenants, Programs programs, MessageSource messages) {
		this.tenants = tenants;
		this.programs = programs;
		this.messages = messages;
	}

	@ModelAttribute
	void frame(HttpServletRequest request, Model model) {
		Operator operator = CurrentOperator.of(request);
		if (operator != null) {
			// By name, as templates ask: ${can.ADJUST_POINTS}.
			Map<String, Boolean> can = new HashMap<>();
			for (Permission permission : Permission.values()) {
				can.put(permission.name(), operator.may(permission));
			}
			model.addAttribute("operator", operator);
			model.addAttribute("can", can);
			model.addAttribute("tenantName", tenants.get(operator.tenantId()).name());
			model.addAttribute("zone", programs.find(operator.tenantId(), Programs.DEFAULT_CODE)
				.map(Program::timeZone)
				.orElse(ZoneOffset.UTC));
		}
	}

	/**
	 * A change the services refused (a debit beyond the balance, a bad field): nothing was written; the operator sees
	 * why on the page they came from. Only a page of this site is gone back to.
	 */
	@ExceptionHandler(BusinessException.class)
	String refused(BusinessException failure, HttpServletRequest request) {
		String reason = messages.getMessage("error." + failure.code().type(), null, failure.code().title(),
				LocaleContextHolder.getLocale()) + ": " + failure.getMessage();
		RequestContextUtils.getOutputFlashMap(request).put("error", reason);
		return "redirect:" + back(request);
	}

	/** The path of the page the request came from, if it is a back-office page; never another site. */
	private static String back(HttpServletRequest request) {
		try {
			URI referer = URI.create(request.getHeader("Referer"));
			if (referer.getRawPath() != null && referer.getRawPath().startsWith("/admin")) {
				return referer.getRawPath() + (referer.getRawQuery() == null ? "" : "?" + referer.getRawQuery());
			}
		}
		catch (RuntimeException noUsableReferer) {
			// Absent or malformed: the dashboard then.
		}
		return "/admin";
	}
}

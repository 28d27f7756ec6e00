package io.fidelis.shared;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL cannot store or compare text with the NUL character: a query parameter holding one is refused with 400,
 * naming it, before it reaches a query. (JSON bodies get the same treatment from {@code JsonConfiguration}.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ParametersWithoutNul extends OncePerRequestFilter {

	private final JsonMapper json;

	ParametersWithoutNul(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getQueryString() == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			boolean nul = parameter.getKey().indexOf('\0') >= 0;
			for (String value : parameter.getValue()) {
				nul |= value.indexOf('\0') >= 0;
			}
			if (nul) {
				String field = parameter.getKey().replace('\0', '?');
				String message = JsonConfiguration.StringsWithoutNul.PROBLEM;
				Problem.of(ErrorCode.INVALID_REQUEST, field + ": " + message, request.getRequestURI(),
						List.of(new FieldError(field, message))).writeTo(response, json);
				return;
			}
		}
		chain.doFilter(request, response);
	}
}

package io.fidelis.tenant;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request under {@code /api/} must carry {@code Authorization: Bearer <api key>}; without a live key it is
 * answered 401 before it reaches a controller. Controllers receive the resolved {@link Caller} as a parameter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyAuthentication extends OncePerRequestFilter implements HandlerMethodArgumentResolver {

	private static final String CALLER = Caller.class.getName();
	private static final String BEARER = "Bearer ";

	private final ApiKeys apiKeys;
	private final JsonMapper json;

	ApiKeyAuthentication(ApiKeys apiKeys, JsonMapper json) {
		this.apiKeys = apiKeys;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		Optional<Caller> caller;
		try {
			caller = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
					? apiKeys.authenticate(header.substring(BEARER.length()).trim()) : Optional.empty();
		}
		catch (DataAccessException unreachable) {
			// Before any controller, so ProblemResponses does not see it: the database is gone, not the key.
			response.setHeader("Retry-After", "1");
			Problem.of(ErrorCode.SERVICE_UNAVAILABLE, "The database did not answer; nothing was written",
					request.getRequestURI(), List.of()).writeTo(response, json);
			return;
		}
		if (caller.isEmpty()) {
			response.setHeader("WWW-Authenticate", "Bearer");
			String detail = header == null ? "Send the header 'Authorization: Bearer <api key>'"
					: "The API key is unknown or revoked";
			Problem.of(ErrorCode.UNAUTHENTICATED, detail, request.getRequestURI(), List.of()).writeTo(response, json);
			return;
		}
		request.setAttribute(CALLER, caller.get());
		chain.doFilter(request, response);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		Object caller = request.getAttribute(CALLER, RequestAttributes.SCOPE_REQUEST);
		if (caller == null) {
			throw new IllegalStateException("A controller outside /api/ asked for the API caller");
		}
		return (Caller) caller;
	}
}

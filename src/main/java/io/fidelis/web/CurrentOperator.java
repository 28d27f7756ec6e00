package io.fidelis.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.fidelis.tenant.Operator;
import jakarta.servlet.http.HttpServletRequest;

/** Lets the screens' controllers declare an {@link Operator} parameter: the one signed in, as read for this request. */
class CurrentOperator implements HandlerMethodArgumentResolver {

	private static final String ATTRIBUTE = CurrentOperator.class.getName();

	static void set(HttpServletRequest request, Operator operator) {
		request.setAttribute(ATTRIBUTE, operator);
	}

	/** The operator signed in, or null on a page open to all (the log-in). */
	static Operator of(HttpServletRequest request) {
		return (Operator) request.getAttribute(ATTRIBUTE);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Operator.class;
	}

	@Override
	public Operator resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		Object operator = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (operator == null) {
			throw new IllegalStateException("A screen outside the operators' security asked for the operator");
		}
		return (Operator) operator;
	}
}

package io.fidelis.web;

import java.io.IOException;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Operators;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Reads the signed-in operator afresh on every request, so that what they may do follows their role now, not the
 * one they had when they logged in; a disabled or deleted operator's session ends here. The operator is left in a
 * request attribute for the controllers ({@link CurrentOperator}).
 */
class CurrentOperatorFilter extends OncePerRequestFilter {

	private final Operators operators;
	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	CurrentOperatorFilter(Operators operators) {
		this.operators = operators;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = contexts.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof SignedInOperator signedIn) {
			Optional<Operator> operator = operators.find(signedIn.tenant(), signedIn.operatorId())
				.filter(found -> !found.disabled());
			if (operator.isEmpty()) {
				contexts.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			else {
				// For this request only: the session keeps the identifiers, not the permissions.
				SecurityContext fresh = contexts.createEmptyContext();
				fresh.setAuthentication(OperatorAuthenticationProvider.signedIn(operator.get()));
				contexts.setContext(fresh);
				CurrentOperator.set(request, operator.get());
			}
		}
		chain.doFilter(request, response);
	}
}

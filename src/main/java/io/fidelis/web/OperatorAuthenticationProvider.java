package io.fidelis.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.fidelis.tenant.LogIn;
import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Operators;

/** The log-in form's check: {@link Operators#logIn} decides, with its count of failures and its lock. */
@Component
class OperatorAuthenticationProvider implements AuthenticationProvider {

	private final Operators operators;

	OperatorAuthenticationProvider(Operators operators) {
		this.operators = operators;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		LogIn logIn = operators.logIn(attempt.getName(), String.valueOf(attempt.getCredentials()));
		return switch (logIn.outcome()) {
			case SUCCEEDED -> signedIn(logIn.operator());
			case WRONG_CREDENTIALS -> throw new BadCredentialsException("Wrong e-mail address or password");
			case LOCKED -> throw new LockedException("Locked after repeated failed log-ins");
			case DISABLED -> throw new DisabledException("This operator's access was taken away");
		};
	}

	static UsernamePasswordAuthenticationToken signedIn(Operator operator) {
		SignedInOperator principal = new SignedInOperator(operator.tenantId().value(), operator.id(), operator.email());
		return UsernamePasswordAuthenticationToken.authenticated(principal, null,
				operator.role().permissions().stream().map(PermissionAuthority::new).toList());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}

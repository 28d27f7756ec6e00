package io.fidelis.tenant;

/**
 * What came of an attempt to log in. Unknown e-mail and wrong password are one outcome, so that the answer does not
 * tell which addresses have an account.
 */
public record LogIn(Outcome outcome, Operator operator) {

	public enum Outcome {
		SUCCEEDED, WRONG_CREDENTIALS, LOCKED, DISABLED
	}

	static LogIn of(Outcome outcome) {
		return new LogIn(outcome, null);
	}
}

package io.fidelis.shared;

import java.util.List;

/**
 * A request refused for a business reason, mapped to problem+json in one place ({@code ProblemResponses}).
 * Thrown inside a transaction, it rolls everything back: a refused request writes nothing.
 */
public class BusinessException extends RuntimeException {

	private final ErrorCode code;
	private final List<FieldError> errors;

	public BusinessException(ErrorCode code, String detail) {
		this(code, detail, List.of());
	}

	public BusinessException(ErrorCode code, String detail, List<FieldError> errors) {
		super(detail);
		this.code = code;
		this.errors = List.copyOf(errors);
	}

	/** A single invalid field, reported as {@link ErrorCode#INVALID_REQUEST}. */
	public static BusinessException invalid(String field, String message) {
		return new BusinessException(ErrorCode.INVALID_REQUEST, field + ": " + message,
				List.of(new FieldError(field, message)));
	}

	public ErrorCode code() {
		return code;
	}

	public List<FieldError> errors() {
		return errors;
	}
}

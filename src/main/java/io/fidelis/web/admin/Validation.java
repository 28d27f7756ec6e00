package io.fidelis.web.admin;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import jakarta.validation.Validator;

/** The checks the API makes of a request body ({@code @Valid}), made of what a screen's form built. */
final class Validation {

	private Validation() {
	}

	/** @throws BusinessException naming every field that breaks a constraint, as the API's 422 does */
	static <T> T valid(Validator validator, T request) {
		List<FieldError> errors = validator.validate(request)
			.stream()
			.map(violation -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		if (!errors.isEmpty()) {
			throw new BusinessException(ErrorCode.INVALID_REQUEST, errors.stream()
				.map(error -> error.field() + ": " + error.message())
				.collect(Collectors.joining("; ")), errors);
		}
		return request;
	}
}

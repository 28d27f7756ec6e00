package io.fidelis.shared;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** An RFC 9457 problem: the body of every failed API response, as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

	public static final String MEDIA_TYPE = "application/problem+json";

	public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
		return new Problem(code.type(), code.title(), code.status().value(), detail, instance, errors);
	}

	/** A request with invalid fields: {@link ErrorCode#INVALID_REQUEST}, each field and what is wrong with it. */
	public static Problem invalid(List<FieldError> errors, String instance) {
		String detail = errors.stream()
			.map(error -> error.field() + ": " + error.message())
			.collect(Collectors.joining("; "));
		return of(ErrorCode.INVALID_REQUEST, detail, instance, errors);
	}

	/** A refusal of the business rules as a problem. */
	public static Problem of(BusinessException refusal, String instance) {
		return of(refusal.code(), refusal.getMessage(), instance, refusal.errors());
	}

	/** A JSON value of the wrong type or shape, for a field. */
	public static Problem unmappable(JacksonException failure, String instance) {
		return invalid(List.of(JsonFailures.fieldError(failure)), instance);
	}

	/** For filters, which answer before Spring MVC and its exception handlers are reached. */
	public void writeTo(HttpServletResponse response, JsonMapper json) throws IOException {
		response.setStatus(status);
		response.setContentType(MEDIA_TYPE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), this);
	}
}

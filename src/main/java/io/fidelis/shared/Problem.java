package io.fidelis.shared;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** An RFC 9457 problem: the body of every failed API response, as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

	public static final String MEDIA_TYPE = "application/problem+json";

	public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
		return new Problem(code.type(), code.title(), code.status().value(), detail, instance, errors);
	}

	/** For filters, which answer before Spring MVC and its exception handlers are reached. */
	public void writeTo(HttpServletResponse response, JsonMapper json) throws IOException {
		response.setStatus(status);
		response.setContentType(MEDIA_TYPE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), this);
	}
}

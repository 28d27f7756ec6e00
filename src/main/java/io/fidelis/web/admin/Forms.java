package io.fidelis.web.admin;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Permission;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;

/**
 * Reading the catalog screens' forms into the requests the services take: fields parsed one by one (a bad one named
 * in the refusal), and the request checked against the same annotations the API's {@code @Valid} checks.
 */
@Component
class Forms {

	private final Validator validator;

	Forms(Validator validator) {
		this.validator = validator;
	}

	/** The request, if its annotations hold; otherwise a refusal naming each field, as the API gives it. */
	<T> T valid(T request) {
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

	/**
	 * The forbidden page (403) for a form its reader could not send, shown to those who read programs but do not edit
	 * them; null for those who do.
	 */
	static String forbiddenUnlessEditor(Operator operator, HttpServletResponse response) {
		if (operator.may(Permission.EDIT_PROGRAMS)) {
			return null;
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		return "forward:/admin/forbidden";
	}

	/** A field's value, stripped; null if the form left it out or blank. */
	static String text(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		return blankToNull(value);
	}

	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	static Integer whole(MultiValueMap<String, String> form, String field) {
		return whole(text(form, field), field);
	}

	static Integer whole(String value, String field) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid(field, "must be a whole number");
		}
	}

	static Long wholeLong(MultiValueMap<String, String> form, String field) {
		String value = text(form, field);
		if (value == null) {
			return null;
		}
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid(field, "must be a whole number");
		}
	}

	static BigDecimal decimal(MultiValueMap<String, String> form, String field) {
		return decimal(text(form, field), field);
	}

	static BigDecimal decimal(String value, String field) {
		if (value == null) {
			return null;
		}
		try {
			return new BigDecimal(value.replace(',', '.'));
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid(field, "must be a number such as 12.50");
		}
	}

	/** The enum constant a select sent, by its lower-case name. */
	static <E extends Enum<E>> E choice(MultiValueMap<String, String> form, String field, Class<E> type) {
		String value = text(form, field);
		if (value == null) {
			return null;
		}
		return Arrays.stream(type.getEnumConstants())
			.filter(constant -> constant.name().equalsIgnoreCase(value))
			.findFirst()
			.orElseThrow(() -> BusinessException.invalid(field, "'" + value + "' is not one of the choices"));
	}

	/** A text area's non-blank lines: perks, one per line. */
	static List<String> lines(String value) {
		return value == null ? List.of() : value.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	/** A comma-separated list's items: codes. */
	static List<String> items(String value) {
		return value == null ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
	}
}

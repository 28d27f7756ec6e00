package io.fidelis.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Reads a JSON failure the way a client needs it: which field, and what is wrong with it, in plain words. */
final class JsonFailures {

	private JsonFailures() {
	}

	/** Where and why a body is not JSON at all. */
	static String malformed(StreamReadException failure) {
		String where = failure.getLocation() == null ? ""
				: " at line " + failure.getLocation().getLineNr() + ", column " + failure.getLocation().getColumnNr();
		return "The body is not valid JSON" + where + ": " + failure.getOriginalMessage();
	}

	/** The field a JSON value failed to bind to, and why; {@code body} when the failure is not about one field. */
	static FieldError fieldError(JacksonException failure) {
		String field = path(failure);
		String message;
		if (failure instanceof UnrecognizedPropertyException unknown) {
			field = field.isEmpty() ? unknown.getPropertyName() : field;
			message = "is not a known field";
		}
		else if (failure instanceof PropertyBindingException binding) {
			message = "cannot be set (" + binding.getPropertyName() + ")";
		}
		else if (failure instanceof InvalidTypeIdException typeId) {
			// The path ends at the object; the type id is its "type" property (the one polymorphic name we use).
			field = field.isEmpty() ? "type" : field + ".type";
			message = typeId.getTypeId() == null ? "is required" : "'" + typeId.getTypeId() + "' is not a known type";
		}
		else if (failure instanceof InvalidNullException) {
			message = "must not be null";
		}
		else if (failure instanceof InvalidFormatException format) {
			message = format.getTargetType() == String.class ? JsonConfiguration.StringsWithoutNul.PROBLEM
					: "'" + format.getValue() + "' is not a valid " + describe(format.getTargetType());
		}
		else if (failure instanceof InputCoercionException) {
			message = "is out of range";
		}
		else if (failure instanceof MismatchedInputException mismatch) {
			message = mismatch.getTargetType() == null ? "has the wrong type"
					: "must be " + article(describe(mismatch.getTargetType()));
		}
		else if (failure instanceof StreamConstraintsException) {
			message = "exceeds the size allowed";
		}
		else {
			message = "is invalid";
		}
		return new FieldError(field.isEmpty() ? "body" : field, message);
	}

	/** A Java type as a client knows it: "number", "UUID", "date (YYYY-MM-DD)". */
	static String describe(Class<?> type) {
		if (type == null) {
			return "value";
		}
		if (type.isEnum()) {
			return "value (one of " + Arrays.stream(type.getEnumConstants())
				.map(constant -> constant.toString().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", ")) + ")";
		}
		return switch (type.getSimpleName()) {
			case "UUID" -> "UUID";
			case "BigDecimal", "Double", "double", "Float", "float" -> "number";
			case "Long", "long", "Integer", "int", "Short", "short" -> "integer";
			case "Boolean", "boolean" -> "boolean (true or false)";
			case "String" -> "string";
			case "LocalDate" -> "date (YYYY-MM-DD)";
			case "Instant", "OffsetDateTime" -> "timestamp (ISO 8601 with offset, e.g. 2026-11-24T10:15:30+01:00)";
			case "List", "Set" -> "array";
			default -> "object";
		};
	}

	/** The JSON path of the failing value, as a client wrote it: {@code items[2].quantity}. */
	private static String path(JacksonException failure) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : failure.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String article(String noun) {
		return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
	}
}

package io.fidelis.imports;

import java.util.List;

/** A row that cannot be applied, and why: nothing of it was written. */
final class RowRefused extends RuntimeException {

	private final transient List<RowError> errors;

	RowRefused(List<RowError> errors) {
		super(errors.toString(), null, false, false);
		this.errors = List.copyOf(errors);
	}

	RowRefused(String column, String message) {
		this(List.of(new RowError(column, message)));
	}

	List<RowError> errors() {
		return errors;
	}
}

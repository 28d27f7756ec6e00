package io.fidelis.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;

/**
 * What a file imports, and the columns its header may name (in any order, in any case). Unknown columns are refused
 * rather than ignored: a misspelt column would otherwise import rows without the data it was meant to carry.
 */
public enum ImportKind {

	/**
	 * One member per row; see {@link MemberRows}. The other columns of the members export are read and left aside
	 * (card numbers, enrolment times and balances are this installation's to give), so that an export imports as it
	 * is.
	 */
	MEMBERS(List.of("external_id", "email", "phone", "first_name", "last_name", "birth_date", "locale",
			"marketing_consent", "labels"), List.of(), List.of("external_id", "email", "phone"),
			List.of("member_id", "card_number", "enrolled_at", "program", "available", "pending", "tier", "segment")),

	/** One purchase or return per row; see {@link TransactionRows}. */
	TRANSACTIONS(List.of("type", "transaction_id", "original_transaction_id", "member", "occurred_at", "amount",
			"currency", "store_id", "channel", "program"),
			List.of("transaction_id", "occurred_at", "amount", "currency"), List.of(), List.of());

	private final List<String> columns;
	private final List<String> required;
	/** At least one of these columns is required, when there are any. */
	private final List<String> oneOf;
	/** Columns of an export that an import takes without reading them. */
	private final List<String> ignored;

	ImportKind(List<String> columns, List<String> required, List<String> oneOf, List<String> ignored) {
		this.columns = columns;
		this.required = required;
		this.oneOf = oneOf;
		this.ignored = ignored;
	}

	/** The columns a file of this kind may name, in the order the documentation lists them. */
	public List<String> columns() {
		return columns;
	}

	/** Whether every file of this kind names this column. */
	public boolean required(String column) {
		return required.contains(column);
	}

	/** Columns of which a file names at least one (none: no such condition). */
	public List<String> oneOf() {
		return oneOf;
	}

	/**
	 * The header's column names in lower case, each known, none twice, with the required ones; otherwise an invalid
	 * request naming every problem.
	 */
	List<String> columns(List<String> header) {
		List<FieldError> errors = new ArrayList<>();
		List<String> names = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (String written : header) {
			String name = written.strip().toLowerCase(Locale.ROOT);
			names.add(name);
			if (!columns.contains(name) && !ignored.contains(name)) {
				errors.add(new FieldError("header", "'" + written + "' is not a column of a " + code()
						+ " import; the columns are " + String.join(", ", columns)));
			}
			else if (!seen.add(name)) {
				errors.add(new FieldError("header", "'" + name + "' is named twice"));
			}
		}
		required.stream()
			.filter(name -> !seen.contains(name))
			.forEach(name -> errors.add(new FieldError("header", "'" + name + "' is a required column")));
		if (!oneOf.isEmpty() && oneOf.stream().noneMatch(seen::contains)) {
			errors.add(new FieldError("header", "one of " + String.join(", ", oneOf) + " is required: it tells "
					+ "whether a row's member is already there"));
		}
		if (!errors.isEmpty()) {
			throw new BusinessException(ErrorCode.INVALID_REQUEST,
					"The header row (line 1) does not name the columns of a " + code() + " import", errors);
		}
		return names;
	}

	/** As the API names it: {@code members}, {@code transactions}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}
}

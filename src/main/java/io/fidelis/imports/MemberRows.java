package io.fidelis.imports;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.member.Enrolment;
import io.fidelis.member.Member;
import io.fidelis.member.MemberReference;
import io.fidelis.member.Members;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/**
 * Imports a member per row. The row's natural key is its first identifier of {@code external_id}, {@code email},
 * {@code phone}: a member who already has it is left as they are (the row is skipped), so that a file uploaded again
 * enrols no one twice. A new member is enrolled as {@code POST /members} enrols one: a new card number, the
 * identifiers checked for uniqueness, {@code MemberEnrolled} announced (so signup rules give their points).
 */
@Component
class MemberRows implements RowImporter {

	private static final Map<String, String> COLUMNS = Map.of("externalId", "external_id", "email", "email", "phone",
			"phone", "firstName", "first_name", "lastName", "last_name", "birthDate", "birth_date", "labels", "labels");
	private static final Set<String> YES = Set.of("true", "yes", "y", "1", "oui");
	private static final Set<String> NO = Set.of("false", "no", "n", "0", "non");

	private final Members members;
	private final TransactionTemplate transactions;

	MemberRows(Members members, TransactionTemplate transactions) {
		this.members = members;
		this.transactions = transactions;
	}

	@Override
	public ImportKind kind() {
		return ImportKind.MEMBERS;
	}

	@Override
	public Outcome apply(TenantId tenant, String storeId, ImportRow row) {
		Enrolment enrolment = check(row);
		try {
			return transactions.execute(tx -> {
				if (existing(tenant, enrolment).isPresent()) {
					return Outcome.SKIPPED;
				}
				members.enrol(tenant, enrolment);
				return Outcome.APPLIED;
			});
		}
		catch (DuplicateKeyException concurrent) {
			// Another import or request enrolled someone with one of these identifiers meanwhile.
			if (existing(tenant, enrolment).isPresent()) {
				return Outcome.SKIPPED;
			}
			throw new RowRefused(null, "an identifier of this row was just given to another member");
		}
		catch (BusinessException refused) {
			throw TransactionRows.refusal(refused, COLUMNS);
		}
	}

	/** The member the row's natural key names, if any. */
	private Optional<Member> existing(TenantId tenant, Enrolment enrolment) {
		MemberReference key = enrolment.externalId() != null
				? new MemberReference(null, null, null, null, enrolment.externalId())
				: enrolment.email() != null ? new MemberReference(null, null, enrolment.email(), null, null)
						: new MemberReference(null, null, null, enrolment.phone(), null);
		try {
			return Optional.of(members.resolve(tenant, key));
		}
		catch (BusinessException notFound) {
			if (notFound.code() != ErrorCode.MEMBER_NOT_FOUND) {
				throw notFound;
			}
			return Optional.empty();
		}
	}

	/** The row's fields checked as {@code POST /members} checks its body; nothing is read or written. */
	static Enrolment check(ImportRow row) {
		ImportRow.Problems problems = new ImportRow.Problems();
		String externalId = row.get("external_id");
		String email = row.get("email");
		String phone = row.get("phone");
		if (externalId == null && email == null && phone == null) {
			problems.add(null, "names no member: give an external_id, an email or a phone");
		}
		if (externalId != null && (externalId.length() > 64 || !externalId.matches("\\p{Graph}+"))) {
			problems.add("external_id", "must be 1 to 64 printable characters without spaces");
		}
		if (email != null && email.length() > 254) {
			problems.add("email", "must be at most 254 characters");
		}
		if (phone != null && phone.length() > 32) {
			problems.add("phone", "must be at most 32 characters");
		}
		String firstName = row.get("first_name");
		String lastName = row.get("last_name");
		if (firstName != null && firstName.length() > 100) {
			problems.add("first_name", "must be at most 100 characters");
		}
		if (lastName != null && lastName.length() > 100) {
			problems.add("last_name", "must be at most 100 characters");
		}
		LocalDate birthDate = null;
		if (row.get("birth_date") != null) {
			try {
				birthDate = LocalDate.parse(row.get("birth_date"));
			}
			catch (DateTimeException unreadable) {
				problems.add("birth_date", "must be a date as YYYY-MM-DD");
			}
		}
		String locale = row.get("locale") == null ? null : row.get("locale").toLowerCase(Locale.ROOT);
		if (locale != null && !locale.equals("fr") && !locale.equals("en")) {
			problems.add("locale", "must be fr or en");
		}
		boolean consent = false;
		String consentText = row.get("marketing_consent");
		if (consentText != null) {
			String answer = consentText.toLowerCase(Locale.ROOT);
			if (!YES.contains(answer) && !NO.contains(answer)) {
				problems.add("marketing_consent", "must be true or false");
			}
			consent = YES.contains(answer);
		}
		List<String> labels = row.get("labels") == null ? List.of()
				: Arrays.stream(row.get("labels").split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		problems.throwIfAny();
		return new Enrolment(externalId, email, phone, firstName, lastName, birthDate, locale, consent, labels);
	}
}

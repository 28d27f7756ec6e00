package io.fidelis.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import io.fidelis.tenant.Tenants;

/** The members of each tenant: enrolment, and finding a member by any of their identifiers. */
@Service
public class Members {

	private static final String COLUMNS = """
			id, tenant_id, card_number, external_id, email, phone, first_name, last_name, birth_date, locale,
			marketing_consent, created_at""";
	/** The columns read: those written at enrolment, and the status that changes after it. */
	private static final String SELECTED = COLUMNS + ", status, status_reason, merged_into";
	private static final int MAX_REASON_LENGTH = 500;
	private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

	private final JdbcClient jdbc;
	private final Tenants tenants;
	private final MemberLabels labels;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Members(JdbcClient jdbc, Tenants tenants, MemberLabels labels, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.tenants = tenants;
		this.labels = labels;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Enrols a member with a new card number and their first labels, and publishes {@link MemberEnrolled}.
	 * Identifiers are normalised first, then checked for uniqueness: an identifier another member already has is
	 * {@link ErrorCode#MEMBER_EXISTS}.
	 */
	public Member enrol(TenantId tenant, Enrolment enrolment) {
		Contact contact = checked(tenant, enrolment.email(), enrolment.phone(), enrolment.birthDate(),
				MemberLabels.check(enrolment.labels(), "labels"));
		requireUnused(tenant, "external_id", "externalId", enrolment.externalId(), null);
		requireUnused(tenant, "email", "email", contact.email(), null);
		requireUnused(tenant, "phone", "phone", contact.phone(), null);
		String email = contact.email();
		String phone = contact.phone();

		Member member = new Member(new MemberId(Ids.newId(clock)), tenant, unusedCardNumber(tenant),
				enrolment.externalId(), email, phone, enrolment.firstName(), enrolment.lastName(),
				enrolment.birthDate(), enrolment.locale() == null ? "en" : enrolment.locale(),
				enrolment.marketingConsent(), clock.instant(), MemberStatus.ACTIVE, null, null);
		jdbc.sql("INSERT INTO member (" + COLUMNS + """
				) VALUES (:id, :tenant, :cardNumber, :externalId, :email, :phone, :firstName, :lastName, :birthDate,
				:locale, :marketingConsent, :createdAt)""")
			.param("id", member.id().value())
			.param("tenant", tenant.value())
			.param("cardNumber", member.cardNumber())
			.param("externalId", member.externalId())
			.param("email", member.email())
			.param("phone", member.phone())
			.param("firstName", member.firstName())
			.param("lastName", member.lastName())
			.param("birthDate", member.birthDate())
			.param("locale", member.locale())
			.param("marketingConsent", member.marketingConsent())
			.param("createdAt", Timestamps.sql(member.enrolledAt()))
			.update();
		labels.insert(tenant, member.id(), enrolment.labels(), member.enrolledAt());
		events.publishEvent(new MemberEnrolled(tenant, member.id(), member.enrolledAt()));
		return member;
	}

	public Member get(TenantId tenant, MemberId id) {
		return find(tenant, id).orElseThrow(() -> notFound("with id " + id));
	}

	private Optional<Member> find(TenantId tenant, MemberId id) {
		return jdbc.sql("SELECT " + SELECTED + " FROM member WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.query(Members::member)
			.optional();
	}

	/**
	 * Finds the member a person or a scanner typed: a card number, an e-mail address, a phone number in any usual
	 * form, an external id or a member id. Should two members match different readings of the same text, the card
	 * number wins, then the external id, the e-mail and the phone.
	 */
	public Optional<Member> findByIdentifier(TenantId tenant, String identifier) {
		String typed = identifier.trim();
		String compact = typed.replaceAll("[\\s.-]", "");
		String cardNumber = CardNumbers.isValid(compact) ? compact : null;
		String email = typed.contains("@") ? ContactDetails.email(typed).orElse(null) : null;
		String phone = email == null ? ContactDetails.phone(typed, tenants.get(tenant).country()).orElse(null) : null;
		UUID id = uuid(typed);
		List<Member> candidates = jdbc.sql("SELECT " + SELECTED + """
				 FROM member WHERE tenant_id = :tenant
				AND (card_number = :cardNumber OR external_id = :externalId OR email = :email OR phone = :phone
				     OR id = :id)""")
			.param("tenant", tenant.value())
			.param("cardNumber", cardNumber)
			.param("externalId", typed)
			.param("email", email)
			.param("phone", phone)
			.param("id", id)
			.query(Members::member)
			.list();
		return candidates.stream()
			.min(Comparator.comparingInt(member -> Stream.of(member.id().value().equals(id),
					member.cardNumber().equals(cardNumber), typed.equals(member.externalId()),
					member.email() != null && member.email().equals(email),
					member.phone() != null && member.phone().equals(phone))
				.toList()
				.indexOf(true)))
			.map(member -> current(tenant, member));
	}

	/**
	 * The member an event names, who may earn and spend: an identifier of a merged member names the member they were
	 * merged into; a blocked member is {@link ErrorCode#MEMBER_BLOCKED}; no member {@link ErrorCode#MEMBER_NOT_FOUND}.
	 */
	public Member resolve(TenantId tenant, MemberReference reference) {
		return current(tenant, named(tenant, reference)).requireActive();
	}

	private Member named(TenantId tenant, MemberReference reference) {
		if (reference.id() != null) {
			return get(tenant, new MemberId(reference.id()));
		}
		if (reference.cardNumber() != null) {
			return findBy(tenant, "card_number", reference.cardNumber())
				.orElseThrow(() -> notFound("with card number " + reference.cardNumber()));
		}
		if (reference.email() != null) {
			return ContactDetails.email(reference.email())
				.flatMap(email -> findBy(tenant, "email", email))
				.orElseThrow(() -> notFound("with e-mail " + reference.email()));
		}
		if (reference.phone() != null) {
			return ContactDetails.phone(reference.phone(), tenants.get(tenant).country())
				.flatMap(phone -> findBy(tenant, "phone", phone))
				.orElseThrow(() -> notFound("with phone " + reference.phone()));
		}
		return findBy(tenant, "external_id", reference.externalId())
			.orElseThrow(() -> notFound("with external id " + reference.externalId()));
	}

	/**
	 * The members many references name, as {@link #resolve} finds each, with one statement per kind of reference
	 * (ids, card numbers, e-mails...), and one more for the members that merged ones were merged into. A reference
	 * that names no member, or a blocked one, is left out: {@link #resolve} says why.
	 */
	public Map<MemberReference, Member> resolveAll(TenantId tenant, Collection<MemberReference> references) {
		Map<String, Map<Object, List<MemberReference>>> byColumn = new LinkedHashMap<>();
		for (MemberReference reference : references) {
			Optional<Map.Entry<String, Object>> key = lookupKey(tenant, reference);
			key.ifPresent(k -> byColumn.computeIfAbsent(k.getKey(), column -> new LinkedHashMap<>())
				.computeIfAbsent(k.getValue(), value -> new ArrayList<>())
				.add(reference));
		}
		Map<MemberReference, Member> found = new HashMap<>();
		byColumn.forEach((column, wanted) -> {
			jdbc.sql("SELECT " + SELECTED + " FROM member WHERE tenant_id = :tenant AND " + column + " IN (:values)")
				.param("tenant", tenant.value())
				.param("values", List.copyOf(wanted.keySet()))
				.query(Members::member)
				.list()
				.forEach(member -> wanted.getOrDefault(value(member, column), List.of())
					.forEach(reference -> found.put(reference, member)));
		});
		// PERF: merged members are rare; their survivors cost a statement only when a batch names one.
		List<UUID> survivorIds = found.values()
			.stream()
			.filter(member -> member.status() == MemberStatus.MERGED)
			.map(member -> member.mergedInto().value())
			.distinct()
			.toList();
		if (!survivorIds.isEmpty()) {
			Map<MemberId, Member> survivors = new HashMap<>();
			jdbc.sql("SELECT " + SELECTED + " FROM member WHERE tenant_id = :tenant AND id IN (:ids)")
				.param("tenant", tenant.value())
				.param("ids", survivorIds)
				.query(Members::member)
				.list()
				.forEach(survivor -> survivors.put(survivor.id(), survivor));
			found.replaceAll((reference, member) -> member.status() == MemberStatus.MERGED
					? survivors.get(member.mergedInto()) : member);
		}
		found.values().removeIf(member -> member.status() != MemberStatus.ACTIVE);
		return found;
	}

	/** The column and value {@link #resolve} looks a reference up by; empty if it can name no one. */
	private Optional<Map.Entry<String, Object>> lookupKey(TenantId tenant, MemberReference reference) {
		if (reference.id() != null) {
			return Optional.of(Map.entry("id", reference.id()));
		}
		if (reference.cardNumber() != null) {
			return Optional.of(Map.entry("card_number", reference.cardNumber()));
		}
		if (reference.email() != null) {
			return ContactDetails.email(reference.email()).map(email -> Map.entry("email", email));
		}
		if (reference.phone() != null) {
			return ContactDetails.phone(reference.phone(), tenants.get(tenant).country())
				.map(phone -> Map.entry("phone", phone));
		}
		return Optional.ofNullable(reference.externalId()).map(externalId -> Map.entry("external_id", externalId));
	}

	private static Object value(Member member, String column) {
		return switch (column) {
			case "id" -> member.id().value();
			case "card_number" -> member.cardNumber();
			case "email" -> member.email();
			case "phone" -> member.phone();
			default -> member.externalId();
		};
	}

	/**
	 * The members whose birthday is {@code day}: born on that month and day, and on 28 February of a year without
	 * a 29th, those born on the 29th too.
	 */
	public List<Member> celebrating(TenantId tenant, LocalDate day) {
		boolean leapDayMissing = day.getMonthValue() == 2 && day.getDayOfMonth() == 28 && !day.isLeapYear();
		return jdbc.sql("SELECT " + SELECTED + """
				 FROM member WHERE tenant_id = :tenant AND status = 'ACTIVE' AND birth_date IS NOT NULL
				AND EXTRACT(MONTH FROM birth_date) = :month
				AND (EXTRACT(DAY FROM birth_date) = :day OR (:leapDayMissing AND EXTRACT(DAY FROM birth_date) = 29))
				ORDER BY id""")
			.param("tenant", tenant.value())
			.param("month", day.getMonthValue())
			.param("day", day.getDayOfMonth())
			.param("leapDayMissing", leapDayMissing)
			.query(Members::member)
			.list();
	}

	/**
	 * All members, newest first; those with {@code label} if it is not null, and in {@code status} if it is not null.
	 */
	public Page<Member> list(TenantId tenant, String label, MemberStatus status, PageRequest page) {
		if (label != null) {
			MemberLabels.requireLabel(label, "label");
		}
		List<Member> rows = jdbc.sql("SELECT " + SELECTED + " FROM member WHERE tenant_id = :tenant"
				+ (label == null ? "" : " AND id IN (SELECT member_id FROM member_label WHERE tenant_id = :tenant"
						+ " AND label = :label)")
				+ (status == null ? "" : " AND status = :status")
				+ page.condition("created_at", "id") + " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("label", label)
			.param("status", status == null ? null : status.name())
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query(Members::member)
			.list();
		return page.page(rows, Member::enrolledAt, member -> member.id().value());
	}

	/**
	 * What an operator looks for: the member an identifier names if one does, else members whose first or last name
	 * starts with the text (case ignored), at most {@code limit} of them by name.
	 */
	public List<Member> search(TenantId tenant, String text, int limit) {
		String typed = text.strip();
		if (typed.isEmpty()) {
			return List.of();
		}
		Optional<Member> identified = findByIdentifier(tenant, typed);
		if (identified.isPresent()) {
			return List.of(identified.get());
		}
		String prefix = typed.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
				+ "%";
		return jdbc.sql("SELECT " + SELECTED + """
				 FROM member WHERE tenant_id = :tenant
				AND (LOWER(last_name) LIKE :prefix ESCAPE '\\' OR LOWER(first_name) LIKE :prefix ESCAPE '\\'
				     OR LOWER(first_name || ' ' || last_name) LIKE :prefix ESCAPE '\\')
				ORDER BY last_name, first_name, id LIMIT :limit""")
			.param("tenant", tenant.value())
			.param("prefix", prefix)
			.param("limit", limit)
			.query(Members::member)
			.list();
	}

	/**
	 * Changes what a member's profile holds: contact details (normalised and checked as at enrolment: one another
	 * member has is {@link ErrorCode#MEMBER_EXISTS}), name, birth date, language, marketing consent. The card number and
	 * external id stay. A merged member is {@link ErrorCode#MEMBER_MERGED}.
	 */
	@Transactional
	public Member update(TenantId tenant, MemberId id, Profile profile) {
		lock(tenant, id).requireNotMerged();
		Contact contact = checked(tenant, blankToNull(profile.email()), blankToNull(profile.phone()),
				profile.birthDate(), List.of());
		requireUnused(tenant, "email", "email", contact.email(), id);
		requireUnused(tenant, "phone", "phone", contact.phone(), id);
		jdbc.sql("""
				UPDATE member SET email = :email, phone = :phone, first_name = :firstName, last_name = :lastName,
				birth_date = :birthDate, locale = :locale, marketing_consent = :marketingConsent
				WHERE tenant_id = :tenant AND id = :id""")
			.param("email", contact.email())
			.param("phone", contact.phone())
			.param("firstName", blankToNull(profile.firstName()))
			.param("lastName", blankToNull(profile.lastName()))
			.param("birthDate", profile.birthDate())
			.param("locale", profile.locale() == null ? "en" : profile.locale())
			.param("marketingConsent", profile.marketingConsent())
			.param("tenant", tenant.value())
			.param("id", id.value())
			.update();
		return get(tenant, id);
	}

	/** Contact details as stored: e-mail in lower case, phone in E.164; null where not given. */
	private record Contact(String email, String phone) {
	}

	/** Normalises contact details and checks them with the birth date, with {@code more} errors found before. */
	private Contact checked(TenantId tenant, String typedEmail, String typedPhone, LocalDate birthDate,
			List<FieldError> more) {
		String country = tenants.get(tenant).country();
		List<FieldError> errors = new ArrayList<>();
		String email = typedEmail == null ? null : ContactDetails.email(typedEmail).orElseGet(() -> {
			errors.add(new FieldError("email", "is not an e-mail address"));
			return null;
		});
		String phone = typedPhone == null ? null
				: ContactDetails.phone(typedPhone, country).orElseGet(() -> {
					errors.add(new FieldError("phone", "is not a valid phone number (use +country code for numbers "
							+ "outside " + country + ")"));
					return null;
				});
		LocalDate today = LocalDate.now(clock);
		if (birthDate != null && (birthDate.isAfter(today) || birthDate.isBefore(EARLIEST_BIRTH_DATE))) {
			errors.add(new FieldError("birthDate", "must be between " + EARLIEST_BIRTH_DATE + " and today"));
		}
		errors.addAll(more);
		if (!errors.isEmpty()) {
			throw new BusinessException(ErrorCode.INVALID_REQUEST, describe(errors), errors);
		}
		return new Contact(email, phone);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** The member as they are now: if they were merged, the member they were merged into. */
	public Member current(TenantId tenant, MemberId id) {
		return current(tenant, get(tenant, id));
	}

	/** Merges leave no chains (see {@link MemberMerges}): one hop reaches the member who holds everything now. */
	private Member current(TenantId tenant, Member member) {
		return member.status() == MemberStatus.MERGED ? get(tenant, member.mergedInto()) : member;
	}

	/** The member, if they may earn and spend now (see {@link Member#requireActive}). */
	public Member active(TenantId tenant, MemberId id) {
		return get(tenant, id).requireActive();
	}

	/**
	 * Blocks the member with the operator's reason and publishes {@link MemberBlocked}; blocking a blocked member
	 * only replaces the reason. A merged member is {@link ErrorCode#MEMBER_MERGED}.
	 */
	@Transactional
	public Member block(TenantId tenant, MemberId id, String reason) {
		String trimmed = reason == null ? "" : reason.strip();
		if (trimmed.isEmpty() || trimmed.length() > MAX_REASON_LENGTH) {
			throw BusinessException.invalid("reason", "must be 1 to " + MAX_REASON_LENGTH + " characters");
		}
		Member member = lock(tenant, id).requireNotMerged();
		setStatus(tenant, id, MemberStatus.BLOCKED, trimmed, null);
		if (member.status() == MemberStatus.ACTIVE) {
			events.publishEvent(new MemberBlocked(tenant, id, trimmed, clock.instant()));
		}
		return get(tenant, id);
	}

	/**
	 * Lifts the member's block and publishes {@link MemberUnblocked}; an active member stays as they are. A merged
	 * member is {@link ErrorCode#MEMBER_MERGED}.
	 */
	@Transactional
	public Member unblock(TenantId tenant, MemberId id) {
		Member member = lock(tenant, id).requireNotMerged();
		if (member.status() == MemberStatus.BLOCKED) {
			setStatus(tenant, id, MemberStatus.ACTIVE, null, null);
			events.publishEvent(new MemberUnblocked(tenant, id, clock.instant()));
		}
		return get(tenant, id);
	}

	/** Reads the member and locks their row until the transaction ends: status changes and merges wait for it. */
	Member lock(TenantId tenant, MemberId id) {
		return jdbc.sql("SELECT " + SELECTED + " FROM member WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.query(Members::member)
			.optional()
			.orElseThrow(() -> notFound("with id " + id));
	}

	void setStatus(TenantId tenant, MemberId id, MemberStatus status, String reason, MemberId mergedInto) {
		jdbc.sql("""
				UPDATE member SET status = :status, status_reason = :reason, merged_into = :mergedInto,
				status_changed_at = :now WHERE tenant_id = :tenant AND id = :id""")
			.param("status", status.name())
			.param("reason", reason)
			.param("mergedInto", mergedInto == null ? null : mergedInto.value())
			.param("now", Timestamps.sql(clock.instant()))
			.param("tenant", tenant.value())
			.param("id", id.value())
			.update();
	}

	private Optional<Member> findBy(TenantId tenant, String column, String value) {
		return jdbc.sql("SELECT " + SELECTED + " FROM member WHERE tenant_id = :tenant AND " + column + " = :value")
			.param("tenant", tenant.value())
			.param("value", value)
			.query(Members::member)
			.optional();
	}

	/** The identifier is no member's, but {@code self}'s if it is not null. */
	private void requireUnused(TenantId tenant, String column, String field, String value, MemberId self) {
		if (value != null && findBy(tenant, column, value).filter(other -> !other.id().equals(self)).isPresent()) {
			throw new BusinessException(ErrorCode.MEMBER_EXISTS, "Another member already has this " + field,
					List.of(new FieldError(field, "is already used by another member")));
		}
	}

	/** 10^10 numbers per tenant: a collision is rare, and simply drawn again. */
	private String unusedCardNumber(TenantId tenant) {
		String cardNumber = CardNumbers.next();
		while (findBy(tenant, "card_number", cardNumber).isPresent()) {
			cardNumber = CardNumbers.next();
		}
		return cardNumber;
	}

	static BusinessException notFound(String which) {
		return new BusinessException(ErrorCode.MEMBER_NOT_FOUND, "No member " + which);
	}

	private static String describe(List<FieldError> errors) {
		return String.join("; ", errors.stream().map(error -> error.field() + ": " + error.message()).toList());
	}

	private static UUID uuid(String text) {
		try {
			return text.length() == 36 ? UUID.fromString(text) : null;
		}
		catch (IllegalArgumentException notAUuid) {
			return null;
		}
	}

	private static Member member(ResultSet rs, int row) throws SQLException {
		return new Member(new MemberId(rs.getObject("id", UUID.class)),
				new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("card_number"),
				rs.getString("external_id"), rs.getString("email"), rs.getString("phone"),
				rs.getString("first_name"), rs.getString("last_name"), rs.getObject("birth_date", LocalDate.class),
				rs.getString("locale"), rs.getBoolean("marketing_consent"),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				MemberStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
				Optional.ofNullable(rs.getObject("merged_into", UUID.class)).map(MemberId::new).orElse(null));
	}
}

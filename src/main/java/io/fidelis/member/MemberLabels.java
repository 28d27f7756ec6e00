package io.fidelis.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Free labels an operator or a till puts on members ({@code vip}, {@code staff}, {@code newsletter-2026}), for rules
 * and campaigns to look at. A label is {@link #SYNTAX}; a member has at most {@link #MAX_PER_MEMBER}. Labels are
 * read sorted; adding a label the member has, or removing one they have not, changes nothing.
 */
@Service
public class MemberLabels {

	/** 1 to 64 lower-case letters, digits, '-' or '_', the first a letter or a digit. */
	public static final String SYNTAX = "[a-z0-9][a-z0-9_-]{0,63}";
	public static final String SYNTAX_MESSAGE = "must be 1 to 64 lower-case letters, digits, '-' or '_', starting "
			+ "with a letter or a digit";
	public static final int MAX_PER_MEMBER = 50;
	private static final Pattern LABEL = Pattern.compile(SYNTAX);

	private final JdbcClient jdbc;
	private final Clock clock;

	MemberLabels(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private static boolean isLabel(String text) {
		return text != null && LABEL.matcher(text).matches();
	}

	/** The member's labels, sorted; none for a member of another tenant. */
	public List<String> of(TenantId tenant, MemberId member) {
		return of(tenant, List.of(member)).getOrDefault(member, List.of());
	}

	/** The labels of each of these members that has some, sorted: one query. */
	Map<MemberId, List<String>> of(TenantId tenant, Collection<MemberId> members) {
		Map<MemberId, List<String>> labels = new HashMap<>();
		if (members.isEmpty()) {
			return labels;
		}
		jdbc.sql("SELECT member_id, label FROM member_label WHERE tenant_id = :tenant AND member_id IN (:members)")
			.param("tenant", tenant.value())
			.param("members", members.stream().map(MemberId::value).toList())
			.query(rs -> {
				labels.computeIfAbsent(new MemberId(rs.getObject("member_id", UUID.class)), id -> new ArrayList<>())
					.add(rs.getString("label"));
			});
		// In Java: PostgreSQL's collation may not order '-' and '_' the way H2 does.
		labels.values().forEach(list -> list.sort(null));
		return labels;
	}

	/**
	 * Gives the member the label. Past {@link #MAX_PER_MEMBER} labels, a new one is
	 * {@link ErrorCode#TOO_MANY_LABELS}; the member's row is locked meanwhile, so that two labels added at once are
	 * counted one after the other.
	 */
	@Transactional
	public void add(TenantId tenant, MemberId member, String label) {
		requireLabel(label, "label");
		lock(tenant, member);
		List<String> labels = of(tenant, member);
		if (labels.contains(label)) {
			return;
		}
		if (labels.size() >= MAX_PER_MEMBER) {
			throw new BusinessException(ErrorCode.TOO_MANY_LABELS,
					"The member already has " + MAX_PER_MEMBER + " labels, the most allowed; remove one first",
					List.of(new FieldError("label", "cannot be added: the member has " + MAX_PER_MEMBER
							+ " labels already")));
		}
		insert(tenant, member, List.of(label), clock.instant());
	}

	/** Takes the label off the member, if they have it. */
	@Transactional
	public void remove(TenantId tenant, MemberId member, String label) {
		requireLabel(label, "label");
		lock(tenant, member);
		jdbc.sql("DELETE FROM member_label WHERE tenant_id = :tenant AND member_id = :member AND label = :label")
			.param("tenant", tenant.value())
			.param("member", member.value())
			.param("label", label)
			.update();
	}

	/** {@link BusinessException#invalid} naming {@code field} unless {@code text} is a label. */
	static void requireLabel(String text, String field) {
		if (!isLabel(text)) {
			throw BusinessException.invalid(field, SYNTAX_MESSAGE);
		}
	}

	/** What is wrong with labels given as a list in {@code field} (at most 50 once repeats are dropped). */
	static List<FieldError> check(List<String> labels, String field) {
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < labels.size(); i++) {
			if (!isLabel(labels.get(i))) {
				errors.add(new FieldError(field + "[" + i + "]", SYNTAX_MESSAGE));
			}
		}
		if (labels.stream().distinct().count() > MAX_PER_MEMBER) {
			errors.add(new FieldError(field, "must hold at most " + MAX_PER_MEMBER + " labels"));
		}
		return errors;
	}

	/** Labels of a member being enrolled, checked already; repeats are kept once. */
	void insert(TenantId tenant, MemberId member, Collection<String> labels, Instant at) {
		for (String label : labels.stream().distinct().toList()) {
			jdbc.sql("""
					INSERT INTO member_label (tenant_id, member_id, label, created_at)
					VALUES (:tenant, :member, :label, :createdAt)""")
				.param("tenant", tenant.value())
				.param("member", member.value())
				.param("label", label)
				.param("createdAt", Timestamps.sql(at))
				.update();
		}
	}

	/** Locks the member's row, or {@link ErrorCode#MEMBER_NOT_FOUND} if the tenant has no such member. */
	private void lock(TenantId tenant, MemberId member) {
		jdbc.sql("SELECT id FROM member WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", member.value())
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> Members.notFound("with id " + member));
	}
}

package io.fidelis.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.Ids;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: every change operators make, kept for good. An entry is written in the transaction of the change
 * it records (the caller's), so there is never a change without its entry nor an entry of a change that failed.
 */
@Service
public class AuditLog {

	private static final int MAX_SUMMARY = 500;

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records a change; {@code before} and {@code after} are the changed thing as the API shows it (written as JSON),
	 * or null where it did not exist.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public AuditEntry record(Operator operator, String action, String subjectType, String subjectId, String summary,
			Object before, Object after) {
		String shortSummary = summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY - 1) + "…" : summary;
		AuditEntry entry = new AuditEntry(Ids.newId(clock), clock.instant(), operator.id(), operator.email(), action,
				subjectType, subjectId, shortSummary, toJson(before), toJson(after));
		jdbc.sql("""
				INSERT INTO audit_entry (tenant_id, id, occurred_at, operator_id, operator_email, action, subject_type,
				                         subject_id, summary, before_state, after_state)
				VALUES (:tenant, :id, :at, :operatorId, :operatorEmail, :action, :subjectType, :subjectId, :summary,
				        :before, :after)""")
			.param("tenant", operator.tenantId().value())
			.param("id", entry.id())
			.param("at", Timestamps.sql(entry.occurredAt()))
			.param("operatorId", entry.operatorId())
			.param("operatorEmail", entry.operatorEmail())
			.param("action", action)
			.param("subjectType", subjectType)
			.param("subjectId", subjectId)
			.param("summary", shortSummary)
			.param("before", entry.before())
			.param("after", entry.after())
			.update();
		return entry;
	}

	/**
	 * The entries matching a search, newest first. Each criterion is optional; {@code text} is looked for in the
	 * summary and the operator's e-mail address.
	 */
	public Page<AuditEntry> search(TenantId tenant, AuditSearch search, PageRequest page) {
		StringBuilder sql = new StringBuilder("SELECT * FROM audit_entry WHERE tenant_id = :tenant");
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		params.put("limit", page.fetchSize());
		criterion(sql, params, " AND subject_type = :subjectType", "subjectType", search.subjectType());
		criterion(sql, params, " AND subject_id = :subjectId", "subjectId", search.subjectId());
		criterion(sql, params, " AND operator_id = :operatorId", "operatorId", search.operatorId());
		criterion(sql, params, " AND action = :action", "action", search.action());
		criterion(sql, params, " AND occurred_at >= :from", "from",
				search.from() == null ? null : Timestamps.sql(search.from()));
		criterion(sql, params, " AND occurred_at < :to", "to", search.to() == null ? null : Timestamps.sql(search.to()));
		criterion(sql, params, " AND (LOWER(summary) LIKE :text ESCAPE '\\' OR operator_email LIKE :text ESCAPE '\\')",
				"text", search.text() == null ? null : "%" + likeEscaped(search.text().toLowerCase(Locale.ROOT)) + "%");
		if (page.hasCursor()) {
			params.put("before", Timestamps.sql(page.before()));
			params.put("beforeId", page.beforeId());
		}
		sql.append(page.condition("occurred_at", "id")).append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
		List<AuditEntry> rows = jdbc.sql(sql.toString()).params(params).query(AuditLog::entry).list();
		return page.page(rows, AuditEntry::occurredAt, AuditEntry::id);
	}

	private static void criterion(StringBuilder sql, Map<String, Object> params, String condition, String name,
			Object value) {
		if (value != null) {
			sql.append(condition);
			params.put(name, value);
		}
	}

	/** The distinct actions recorded for a tenant, for the search form's choices. */
	public List<String> actions(TenantId tenant) {
		return jdbc.sql("SELECT DISTINCT action FROM audit_entry WHERE tenant_id = :tenant ORDER BY action")
			.param("tenant", tenant.value())
			.query(String.class)
			.list();
	}

	private String toJson(Object state) {
		return state == null ? null : json.writeValueAsString(state);
	}

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getObject("id", UUID.class),
				Timestamps.instant(rs.getObject("occurred_at", OffsetDateTime.class)),
				rs.getObject("operator_id", UUID.class), rs.getString("operator_email"), rs.getString("action"),
				rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("summary"),
				rs.getString("before_state"), rs.getString("after_state"));
	}

	/** What to look for in the audit log; null criteria are left out. */
	public record AuditSearch(String subjectType, String subjectId, UUID operatorId, String action, Instant from,
			Instant to, String text) {

		public static AuditSearch everything() {
			return new AuditSearch(null, null, null, null, null, null, null);
		}
	}
}

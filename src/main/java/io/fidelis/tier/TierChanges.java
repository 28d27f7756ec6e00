package io.fidelis.tier;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.Timestamps;
import io.fidelis.shared.TenantId;

/** Members' tier histories: every change and every review, never updated. */
@Component
class TierChanges {

	private final JdbcClient jdbc;

	TierChanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(TenantId tenant, ProgramId program, UUID member, TierChange change) {
		jdbc.sql("""
				INSERT INTO tier_change (id, tenant_id, program_id, member_id, from_tier, to_tier, kind, reason, metric,
				occurred_at) VALUES (:id, :tenant, :program, :member, :from, :to, :kind, :reason, :metric, :occurredAt)""")
			.param("id", change.id())
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", member)
			.param("from", change.from())
			.param("to", change.to())
			.param("kind", change.kind().name())
			.param("reason", change.reason())
			.param("metric", change.metric())
			.param("occurredAt", Timestamps.sql(change.occurredAt()))
			.update();
	}

	/** The member's history in every program, newest first; {@code programCode} names a program by its id. */
	Page<TierChange> of(TenantId tenant, UUID member, Function<UUID, String> programCode,
			PageRequest page) {
		List<TierChange> rows = jdbc.sql("""
				SELECT id, program_id, from_tier, to_tier, kind, reason, metric, occurred_at FROM tier_change
				WHERE tenant_id = :tenant AND member_id = :member""" + page.condition("occurred_at", "id")
				+ " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("member", member)
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query((rs, row) -> new TierChange(rs.getObject("id", UUID.class),
					programCode.apply(rs.getObject("program_id", UUID.class)), rs.getString("from_tier"),
					rs.getString("to_tier"), TierChange.Kind.valueOf(rs.getString("kind")), rs.getString("reason"),
					rs.getLong("metric"), Timestamps.instant(rs.getObject("occurred_at", OffsetDateTime.class))))
			.list();
		return page.page(rows, TierChange::occurredAt, TierChange::id);
	}
}

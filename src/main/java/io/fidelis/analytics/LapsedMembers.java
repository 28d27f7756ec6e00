package io.fidelis.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Members who bought before but not since a time: those a win-back campaign is for. Read from each member's last
 * purchase, which every purchase keeps up to date with its count (no scan of the purchases).
 */
@Component
class LapsedMembers {

	private final JdbcClient jdbc;

	LapsedMembers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Lapsed(UUID memberId, Instant lastPurchaseAt, long purchases) {
	}

	/** A page of those whose last purchase was before {@code since}, by member id after {@code after}. */
	List<Lapsed> since(TenantId tenant, Instant since, UUID after, int limit) {
		return jdbc.sql("SELECT member_id, last_purchase_at, purchases FROM member_activity"
				+ " WHERE tenant_id = :tenant AND last_purchase_at < :since"
				+ (after == null ? "" : " AND member_id > :after") + " ORDER BY member_id LIMIT :limit")
			.param("tenant", tenant.value())
			.param("since", Timestamps.sql(since))
			.param("after", after)
			.param("limit", limit)
			.query((rs, n) -> new Lapsed(rs.getObject("member_id", UUID.class),
					Timestamps.instant(rs.getObject("last_purchase_at", OffsetDateTime.class)), rs.getLong("purchases")))
			.list();
	}

	long count(TenantId tenant, Instant since) {
		return jdbc.sql("SELECT COUNT(*) FROM member_activity WHERE tenant_id = :tenant AND last_purchase_at < :since")
			.param("tenant", tenant.value())
			.param("since", Timestamps.sql(since))
			.query(Long.class)
			.single();
	}
}

package io.fidelis.earning;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.TenantId;

/**
 * Per member, the counts that rule conditions need (first purchase, every nth purchase). The row is locked by each
 * purchase's increment, so two purchases of one member at once are still counted 1st and 2nd, never both 1st.
 */
@Repository
class MemberActivity {

	private final JdbcClient jdbc;

	MemberActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void start(TenantId tenant, UUID memberId) {
		jdbc.sql("""
				INSERT INTO member_activity (tenant_id, member_id, purchases) VALUES (:tenant, :member, 0)
				ON CONFLICT DO NOTHING""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.update();
	}

	/** Counts a purchase; the count, this one included, is then {@link #purchases}, in the same transaction. */
	void countPurchase(TenantId tenant, UUID memberId) {
		if (increment(tenant, memberId) == 0) {
			start(tenant, memberId);
			increment(tenant, memberId);
		}
	}

	long purchases(TenantId tenant, UUID memberId) {
		return jdbc.sql("SELECT purchases FROM member_activity WHERE tenant_id = :tenant AND member_id = :member")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	private int increment(TenantId tenant, UUID memberId) {
		return jdbc.sql("""
				UPDATE member_activity SET purchases = purchases + 1 WHERE tenant_id = :tenant AND member_id = :member""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.update();
	}
}

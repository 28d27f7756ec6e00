package io.fidelis.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.DefinitionCache;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** The membership plans of each tenant, each kept whole as the JSON its operator put; codes are unique per tenant. */
@Repository
public class MembershipPlans {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final DefinitionCache<TenantId, Boolean> anyPlan;

	MembershipPlans(JdbcClient jdbc, JsonMapper json, Clock clock,
			@Value("${fidelis.definitions.cache-ttl:5s}") Duration ttl) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.anyPlan = new DefinitionCache<>(ttl, 10_000);
	}

	/**
	 * Whether the tenant has ever had a plan: without one, no member has a membership, and an earn need not look for
	 * them. Kept in memory (see {@link DefinitionCache}); plans are retired, never deleted.
	 */
	boolean any(TenantId tenant) {
		return anyPlan.get(tenant, t -> jdbc.sql("SELECT COUNT(*) FROM membership_plan WHERE tenant_id = :tenant")
			.param("tenant", t.value())
			.query(Long.class)
			.single() > 0);
	}

	/** A plan as it is kept: members can no longer start a retired plan; memberships of it go on. */
	public record Entry(MembershipPlan plan, Instant retiredAt, Instant createdAt, Instant updatedAt) {
	}

	Entry create(TenantId tenant, MembershipPlan plan) {
		anyPlan.forget(tenant);
		Instant now = clock.instant();
		try {
			jdbc.sql("""
					INSERT INTO membership_plan (id, tenant_id, code, definition, created_at, updated_at)
					VALUES (:id, :tenant, :code, :definition, :now, :now)""")
				.param("id", Ids.newId(clock))
				.param("tenant", tenant.value())
				.param("code", plan.code())
				.param("definition", json.writeValueAsString(plan))
				.param("now", Timestamps.sql(now))
				.update();
		}
		catch (DuplicateKeyException taken) {
			throw new BusinessException(ErrorCode.MEMBERSHIP_PLAN_EXISTS,
					"A membership plan with code '" + plan.code() + "' already exists");
		}
		return new Entry(plan, null, now, now);
	}

	/** Replaces the plan's definition; memberships already started keep their term's end and grace. */
	Entry update(TenantId tenant, MembershipPlan plan) {
		int updated = jdbc.sql("""
				UPDATE membership_plan SET definition = :definition, updated_at = :now
				WHERE tenant_id = :tenant AND code = :code""")
			.param("definition", json.writeValueAsString(plan))
			.param("now", Timestamps.sql(clock.instant()))
			.param("tenant", tenant.value())
			.param("code", plan.code())
			.update();
		if (updated == 0) {
			throw notFound(plan.code());
		}
		return get(tenant, plan.code());
	}

	Entry retire(TenantId tenant, String code) {
		get(tenant, code);
		jdbc.sql("""
				UPDATE membership_plan SET retired_at = :now, updated_at = :now
				WHERE tenant_id = :tenant AND code = :code AND retired_at IS NULL""")
			.param("now", Timestamps.sql(clock.instant()))
			.param("tenant", tenant.value())
			.param("code", code)
			.update();
		return get(tenant, code);
	}

	List<Entry> list(TenantId tenant) {
		return jdbc.sql("""
				SELECT definition, retired_at, created_at, updated_at FROM membership_plan
				WHERE tenant_id = :tenant ORDER BY code""")
			.param("tenant", tenant.value())
			.query(this::entry)
			.list();
	}

	Entry get(TenantId tenant, String code) {
		return find(tenant, code).orElseThrow(() -> notFound(code));
	}

	Optional<Entry> find(TenantId tenant, String code) {
		return jdbc.sql("""
				SELECT definition, retired_at, created_at, updated_at FROM membership_plan
				WHERE tenant_id = :tenant AND code = :code""")
			.param("tenant", tenant.value())
			.param("code", code)
			.query(this::entry)
			.optional();
	}

	private static BusinessException notFound(String code) {
		return new BusinessException(ErrorCode.MEMBERSHIP_PLAN_NOT_FOUND, "No membership plan with code '" + code + "'");
	}

	private Entry entry(ResultSet rs, int row) throws SQLException {
		return new Entry(json.readValue(rs.getString("definition"), MembershipPlan.class),
				instant(rs, "retired_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return Timestamps.instant(rs.getObject(column, OffsetDateTime.class));
	}
}

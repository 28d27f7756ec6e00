package io.fidelis.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Timestamps;
import io.fidelis.shared.TenantId;

/** Members' standings, one row per member and program, locked for every change. */
@Component
class Standings {

	private static final String COLUMNS = "tier_code, since, review_at, grace_until, manual_until";

	private final JdbcClient jdbc;
	private final Clock clock;

	Standings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A member due for review. */
	record Due(TenantId tenant, ProgramId program, UUID memberId) {
	}

	Optional<Standing> find(TenantId tenant, ProgramId program, UUID member) {
		return jdbc.sql("SELECT " + COLUMNS
				+ " FROM member_tier WHERE tenant_id = :tenant AND program_id = :program AND member_id = :member")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", member)
			.query(Standings::standing)
			.optional();
	}

	/**
	 * The member's standing, locked until the transaction ends; a member seen for the first time starts in
	 * {@code base}.
	 */
	Standing lock(TenantId tenant, ProgramId program, UUID member, String base) {
		jdbc.sql("""
				INSERT INTO member_tier (tenant_id, program_id, member_id, tier_code, since, updated_at)
				VALUES (:tenant, :program, :member, :base, :now, :now)
				ON CONFLICT DO NOTHING""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", member)
			.param("base", base)
			.param("now", Timestamps.sql(clock.instant()))
			.update();
		return jdbc.sql("SELECT " + COLUMNS + " FROM member_tier"
				+ " WHERE tenant_id = :tenant AND program_id = :program AND member_id = :member FOR UPDATE")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", member)
			.query(Standings::standing)
			.single();
	}

	void save(TenantId tenant, ProgramId program, UUID member, Standing standing) {
		jdbc.sql("""
				UPDATE member_tier SET tier_code = :tier, since = :since, review_at = :reviewAt,
				grace_until = :graceUntil, manual_until = :manualUntil, updated_at = :now
				WHERE tenant_id = :tenant AND program_id = :program AND member_id = :member""")
			.param("tier", standing.tier())
			.param("since", Timestamps.sql(standing.since()))
			.param("reviewAt", Timestamps.sql(standing.reviewAt()))
			.param("graceUntil", Timestamps.sql(standing.graceUntil()))
			.param("manualUntil", Timestamps.sql(standing.manualUntil()))
			.param("now", Timestamps.sql(clock.instant()))
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", member)
			.update();
	}

	/** Forgets a member's standing: a merged member, whose activity is the survivor's now. */
	void remove(TenantId tenant, ProgramId program, UUID member) {
		jdbc.sql("DELETE FROM member_tier WHERE tenant_id = :tenant AND program_id = :program AND member_id = :member")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", member)
			.update();
	}

	/** The tiers members of the program stand in. */
	List<String> tiersInUse(TenantId tenant, ProgramId program) {
		return jdbc.sql("""
				SELECT DISTINCT tier_code FROM member_tier WHERE tenant_id = :tenant AND program_id = :program
				ORDER BY tier_code""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query(String.class)
			.list();
	}

	/** Members of every tenant whose review has come by {@code now}, soonest first. */
	List<Due> due(Instant now, int limit) {
		return jdbc.sql("""
				SELECT tenant_id, program_id, member_id FROM member_tier WHERE review_at <= :now
				ORDER BY review_at, member_id LIMIT :limit""")
			.param("now", Timestamps.sql(now))
			.param("limit", limit)
			.query((rs, row) -> new Due(new TenantId(rs.getObject("tenant_id", UUID.class)),
					new ProgramId(rs.getObject("program_id", UUID.class)), rs.getObject("member_id", UUID.class)))
			.list();
	}

	private static Standing standing(ResultSet rs, int row) throws SQLException {
		return new Standing(rs.getString("tier_code"), instant(rs, "since"), instant(rs, "review_at"),
				instant(rs, "grace_until"), instant(rs, "manual_until"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return Timestamps.instant(rs.getObject(column, OffsetDateTime.class));
	}
}

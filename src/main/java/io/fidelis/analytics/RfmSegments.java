package io.fidelis.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.member.MemberSegments;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import io.fidelis.tenant.Tenants;

/**
 * RFM segments. Every member who bought from the tenant in the last {@value #WINDOW_DAYS} days (in the tenant's
 * currency; returns are not taken off) is scored 1 to 5 on recency (their last purchase), frequency (purchases in the
 * window) and spend (their total in the window) among those members: the score is the fifth of the members their
 * figure falls in, ties sharing the higher one ({@code CEIL(5 * CUME_DIST())}). The scores name the segment
 * (the grid of {@link Segment}). A tenant's segments are recomputed whole, in one transaction, so a reader sees the last
 * computation, never a half of one.
 */
@Component
class RfmSegments implements MemberSegments {

	static final int WINDOW_DAYS = 365;
	private static final String COLUMNS = """
			member_id, segment, recency_score, frequency_score, monetary_score, last_purchase_at, purchases,
			spent_minor, computed_at""";

	private final JdbcClient jdbc;
	private final Tenants tenants;

	RfmSegments(JdbcClient jdbc, Tenants tenants) {
		this.jdbc = jdbc;
		this.tenants = tenants;
	}

	/** A member's place: the segment, the three scores and the figures they come from. */
	record Standing(UUID memberId, String segment, int recency, int frequency, int monetary, Instant lastPurchaseAt,
			long purchases, long spentMinor, Instant computedAt) {
	}

	@Override
	public Set<String> names() {
		return Segment.NAMES;
	}

	@Override
	public Optional<String> of(TenantId tenant, UUID member) {
		return find(tenant, member).map(Standing::segment);
	}

	/** Recomputes the tenant's segments as of {@code now}; returns how many members are in one. */
	@Transactional
	int compute(TenantId tenant, Instant now) {
		jdbc.sql("DELETE FROM member_segment WHERE tenant_id = :tenant").param("tenant", tenant.value()).update();
		// PERF: one statement, set-based, whatever the number of members: nothing of them is held in memory.
		int members = jdbc.sql("""
				INSERT INTO member_segment (tenant_id, member_id, segment, recency_score, frequency_score, monetary_score,
				last_purchase_at, purchases, spent_minor, computed_at)
				SELECT :tenant, member_id,
				       CASE WHEN r >= 4 THEN CASE WHEN f + m >= 8 THEN 'champions' WHEN f + m >= 6 THEN 'loyal'
				                                  ELSE 'promising' END
				            WHEN r = 3 THEN CASE WHEN f + m >= 6 THEN 'loyal' ELSE 'need_attention' END
				            WHEN f + m >= 6 THEN 'at_risk'
				            WHEN r = 2 THEN 'hibernating'
				            ELSE 'lost' END,
				       r, f, m, last_purchase, purchases, spent, :now
				FROM (SELECT member_id, last_purchase, purchases, spent,
				             CAST(CEIL(5 * CUME_DIST() OVER (ORDER BY last_purchase)) AS INTEGER) AS r,
				             CAST(CEIL(5 * CUME_DIST() OVER (ORDER BY purchases)) AS INTEGER) AS f,
				             CAST(CEIL(5 * CUME_DIST() OVER (ORDER BY spent)) AS INTEGER) AS m
				      FROM (SELECT member_id, MAX(occurred_at) AS last_purchase, COUNT(*) AS purchases,
				                   SUM(amount_minor) AS spent
				            FROM purchase
				            WHERE tenant_id = :tenant AND member_id IS NOT NULL AND currency = :currency
				            AND occurred_at >= :since AND occurred_at <= :now
				            GROUP BY member_id) bought) scored""")
			.param("tenant", tenant.value())
			.param("currency", tenants.get(tenant).currency().getCurrencyCode())
			.param("since", Timestamps.sql(now.minus(Duration.ofDays(WINDOW_DAYS))))
			.param("now", Timestamps.sql(now))
			.update();
		jdbc.sql("DELETE FROM segment_computation WHERE tenant_id = :tenant").param("tenant", tenant.value()).update();
		jdbc.sql("INSERT INTO segment_computation (tenant_id, computed_at, members) VALUES (:tenant, :now, :members)")
			.param("tenant", tenant.value())
			.param("now", Timestamps.sql(now))
			.param("members", members)
			.update();
		return members;
	}

	/** When the tenant's segments were last computed; empty if never. */
	Optional<Instant> computedAt(TenantId tenant) {
		return jdbc.sql("SELECT computed_at FROM segment_computation WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query((rs, n) -> Timestamps.instant(rs.getObject(1, OffsetDateTime.class)))
			.optional();
	}

	Optional<Standing> find(TenantId tenant, UUID member) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM member_segment WHERE tenant_id = :tenant AND member_id = :member")
			.param("tenant", tenant.value())
			.param("member", member)
			.query(RfmSegments::standing)
			.optional();
	}

	/** How many members each segment has, every segment named (0 if empty), and when they were computed. */
	record Counts(Instant computedAt, Map<String, Long> members) {
	}

	Counts counts(TenantId tenant) {
		Map<String, Long> members = new LinkedHashMap<>();
		for (Segment segment : Segment.values()) {
			members.put(segment.code(), 0L);
		}
		jdbc.sql("SELECT segment, COUNT(*) AS members FROM member_segment WHERE tenant_id = :tenant GROUP BY segment")
			.param("tenant", tenant.value())
			.query((rs, n) -> Map.entry(rs.getString("segment"), rs.getLong("members")))
			.list()
			.forEach(count -> members.put(count.getKey(), count.getValue()));
		return new Counts(computedAt(tenant).orElse(null), members);
	}

	/** A page of the segment's members, by member id: the export of a segment for a campaign. */
	List<Standing> members(TenantId tenant, String segment, UUID after, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM member_segment WHERE tenant_id = :tenant AND segment = :segment"
				+ (after == null ? "" : " AND member_id > :after") + " ORDER BY member_id LIMIT :limit")
			.param("tenant", tenant.value())
			.param("segment", segment)
			.param("after", after)
			.param("limit", limit)
			.query(RfmSegments::standing)
			.list();
	}

	private static Standing standing(ResultSet rs, int row) throws SQLException {
		return new Standing(rs.getObject("member_id", UUID.class), rs.getString("segment"), rs.getInt("recency_score"),
				rs.getInt("frequency_score"), rs.getInt("monetary_score"),
				Timestamps.instant(rs.getObject("last_purchase_at", OffsetDateTime.class)), rs.getLong("purchases"),
				rs.getLong("spent_minor"), Timestamps.instant(rs.getObject("computed_at", OffsetDateTime.class)));
	}
}

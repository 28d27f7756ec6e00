package io.fidelis.earning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.MultiRowInsert;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

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
	void countPurchase(TenantId tenant, UUID memberId, Instant occurredAt) {
		if (increment(tenant, memberId, occurredAt) == 0) {
			start(tenant, memberId);
			increment(tenant, memberId, occurredAt);
		}
	}

	/**
	 * Counts many purchases, {@code purchases} per member, in one statement (members whose row is missing get one
	 * first), and returns each member's count afterwards when {@code read}: with the rows locked in the order of the
	 * members' ids, as concurrent batches lock them.
	 */
	Map<UUID, Long> countPurchases(TenantId tenant, SortedMap<UUID, Tally> purchases, boolean read) {
		if (purchases.isEmpty()) {
			return Map.of();
		}
		int counted = incrementAll(tenant, purchases);
		if (counted < purchases.size()) {
			// Rows that do not exist start at their count; those counted above are left alone by the conflict.
			MultiRowInsert missing = MultiRowInsert
				.into("member_activity", "tenant_id", "member_id", "purchases", "last_purchase_at")
				.then("ON CONFLICT DO NOTHING");
			purchases.forEach((member, tally) -> missing.row(tenant.value(), member, tally.count(),
					Timestamps.sql(tally.last())));
			if (counted + missing.execute(jdbc) != purchases.size()) {
				throw new ConcurrencyFailureException("a member's first purchase was counted by another request");
			}
		}
		if (!read) {
			return Map.of();
		}
		Map<UUID, Long> counts = new HashMap<>();
		jdbc.sql("SELECT member_id, purchases FROM member_activity WHERE tenant_id = :tenant AND member_id IN (:members)")
			.param("tenant", tenant.value())
			.param("members", List.copyOf(purchases.keySet()))
			.query((rs, n) -> Map.entry(rs.getObject("member_id", UUID.class), rs.getLong("purchases")))
			.list()
			.forEach(count -> counts.put(count.getKey(), count.getValue()));
		return counts;
	}

	/** A member's purchases in a batch: how many, and the latest's time. */
	record Tally(int count, Instant last) {

		Tally add(Instant occurredAt) {
			return new Tally(count + 1, occurredAt.isAfter(last) ? occurredAt : last);
		}
	}

	private int incrementAll(TenantId tenant, SortedMap<UUID, Tally> purchases) {
		StringBuilder added = new StringBuilder("CASE member_id");
		StringBuilder last = new StringBuilder("CASE member_id");
		List<Object> params = new ArrayList<>();
		List<Object> lastParams = new ArrayList<>();
		purchases.forEach((member, tally) -> {
			added.append(" WHEN ? THEN CAST(? AS BIGINT)");
			params.add(member);
			params.add(tally.count());
			last.append(" WHEN ? THEN CAST(? AS TIMESTAMP WITH TIME ZONE)");
			lastParams.add(member);
			lastParams.add(Timestamps.sql(tally.last()));
		});
		String latest = last + " END";
		// The later of the row's last purchase and the batch's: the batch's expression twice, its parameters too.
		params.addAll(lastParams);
		params.addAll(lastParams);
		params.add(tenant.value());
		params.addAll(purchases.keySet());
		return jdbc.sql("UPDATE member_activity SET purchases = purchases + " + added + " ELSE 0 END,"
				+ " last_purchase_at = CASE WHEN last_purchase_at IS NULL OR last_purchase_at < " + latest + " THEN "
				+ latest + " ELSE last_purchase_at END"
				+ " WHERE tenant_id = ? AND member_id IN (" + String.join(", ", Collections.nCopies(purchases.size(), "?"))
				+ ")")
			.params(params)
			.update();
	}

	/**
	 * Adds a merged member's count of purchases to the survivor's, and their last purchase if later; the duplicate's
	 * row goes, so that no count or lapsed-member list holds a member who no longer exists. Their purchases stay
	 * recorded under them.
	 */
	void merge(TenantId tenant, UUID duplicateId, UUID survivorId) {
		record Row(long purchases, OffsetDateTime lastPurchaseAt) {
		}
		Optional<Row> duplicate = jdbc.sql("""
				SELECT purchases, last_purchase_at FROM member_activity WHERE tenant_id = :tenant AND member_id = :member
				FOR UPDATE""")
			.param("tenant", tenant.value())
			.param("member", duplicateId)
			.query((rs, n) -> new Row(rs.getLong("purchases"), rs.getObject("last_purchase_at", OffsetDateTime.class)))
			.optional();
		if (duplicate.isEmpty()) {
			return;
		}
		start(tenant, survivorId);
		jdbc.sql("""
				UPDATE member_activity SET purchases = purchases + :purchases,
				last_purchase_at = CASE WHEN last_purchase_at IS NULL
				OR last_purchase_at < CAST(:last AS TIMESTAMP WITH TIME ZONE)
				THEN CAST(:last AS TIMESTAMP WITH TIME ZONE) ELSE last_purchase_at END
				WHERE tenant_id = :tenant AND member_id = :member""")
			.param("purchases", duplicate.get().purchases())
			.param("last", Timestamps.sql(Timestamps.instant(duplicate.get().lastPurchaseAt())))
			.param("tenant", tenant.value())
			.param("member", survivorId)
			.update();
		jdbc.sql("DELETE FROM member_activity WHERE tenant_id = :tenant AND member_id = :member")
			.param("tenant", tenant.value())
			.param("member", duplicateId)
			.update();
	}

	long purchases(TenantId tenant, UUID memberId) {
		return jdbc.sql("SELECT purchases FROM member_activity WHERE tenant_id = :tenant AND member_id = :member")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** Counts one purchase, and moves the last purchase on if this one is later (a till may send late). */
	private int increment(TenantId tenant, UUID memberId, Instant occurredAt) {
		return jdbc.sql("""
				UPDATE member_activity SET purchases = purchases + 1,
				last_purchase_at = CASE WHEN last_purchase_at IS NULL OR last_purchase_at < :at THEN :at
				                        ELSE last_purchase_at END
				WHERE tenant_id = :tenant AND member_id = :member""")
			.param("at", Timestamps.sql(occurredAt))
			.param("tenant", tenant.value())
			.param("member", memberId)
			.update();
	}
}

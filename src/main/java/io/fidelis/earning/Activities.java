package io.fidelis.earning;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** Activity events (signups, reviews, referrals...) as they came in. */
@Repository
class Activities {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	Activities(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	void add(TenantId tenant, String transactionId, String type, UUID memberId, UUID referrerId, Instant occurredAt,
			Map<String, String> attributes, String storeId, String channel) {
		jdbc.sql("""
				INSERT INTO activity (id, tenant_id, transaction_id, event_type, member_id, referrer_id, occurred_at,
				attributes, store_id, channel, created_at)
				VALUES (:id, :tenant, :transactionId, :type, :member, :referrer, :occurredAt, :attributes, :store,
				:channel, :createdAt)""")
			.param("id", Ids.newId(clock))
			.param("tenant", tenant.value())
			.param("transactionId", transactionId)
			.param("type", type)
			.param("member", memberId)
			.param("referrer", referrerId)
			.param("occurredAt", Timestamps.sql(occurredAt))
			.param("attributes", attributes.isEmpty() ? null : json.writeValueAsString(attributes))
			.param("store", storeId)
			.param("channel", channel)
			.param("createdAt", Timestamps.sql(clock.instant()))
			.update();
	}
}

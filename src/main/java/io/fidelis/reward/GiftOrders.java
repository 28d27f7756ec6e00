package io.fidelis.reward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** Orders of physical gifts and their fulfilment. A status only moves forward: ordered, shipped, delivered. */
@Repository
class GiftOrders {

	private static final String COLUMNS = """
			id, redemption_id, reward_id, member_id, quantity, status, shipping, carrier, tracking_number, created_at,
			updated_at""";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	GiftOrders(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	GiftOrder place(TenantId tenant, UUID redemptionId, UUID rewardId, UUID memberId, int quantity,
			Shipping shipping) {
		UUID id = Ids.newId(clock);
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO gift_order (id, tenant_id, redemption_id, reward_id, member_id, quantity, status, shipping,
				created_at, updated_at)
				VALUES (:id, :tenant, :redemption, :reward, :member, :quantity, 'ORDERED', :shipping, :now, :now)""")
			.param("id", id)
			.param("tenant", tenant.value())
			.param("redemption", redemptionId)
			.param("reward", rewardId)
			.param("member", memberId)
			.param("quantity", quantity)
			.param("shipping", json.writeValueAsString(shipping))
			.param("now", Timestamps.sql(now))
			.update();
		return new GiftOrder(id, redemptionId, rewardId, memberId, quantity, GiftOrderStatus.ORDERED, shipping, null,
				null, now, now);
	}

	GiftOrder get(TenantId tenant, UUID id) {
		return select(tenant, id, "");
	}

	/** Locks the order until the transaction ends: two operators changing it take turns. */
	GiftOrder lock(TenantId tenant, UUID id) {
		return select(tenant, id, " FOR UPDATE");
	}

	List<GiftOrder> ofRedemption(TenantId tenant, UUID redemptionId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM gift_order WHERE tenant_id = :tenant AND redemption_id = :id")
			.param("tenant", tenant.value())
			.param("id", redemptionId)
			.query(this::order)
			.list();
	}

	/** A page of the tenant's orders in one status (or all), newest first: the operator's fulfilment queue. */
	List<GiftOrder> list(TenantId tenant, GiftOrderStatus status, PageRequest page) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM gift_order WHERE tenant_id = :tenant"
				+ (status == null ? "" : " AND status = :status") + page.condition("created_at", "id")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("status", status == null ? null : status.name())
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query(this::order)
			.list();
	}

	void move(GiftOrder order, GiftOrderStatus status, String carrier, String trackingNumber) {
		jdbc.sql("""
				UPDATE gift_order SET status = :status, carrier = COALESCE(:carrier, carrier),
				tracking_number = COALESCE(:tracking, tracking_number), updated_at = :now WHERE id = :id""")
			.param("status", status.name())
			.param("carrier", carrier)
			.param("tracking", trackingNumber)
			.param("now", Timestamps.sql(clock.instant()))
			.param("id", order.id())
			.update();
	}

	private GiftOrder select(TenantId tenant, UUID id, String lock) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM gift_order WHERE tenant_id = :tenant AND id = :id" + lock)
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::order)
			.optional()
			.orElseThrow(() -> new BusinessException(ErrorCode.GIFT_ORDER_NOT_FOUND, "No gift order " + id));
	}

	private GiftOrder order(ResultSet rs, int row) throws SQLException {
		return new GiftOrder(rs.getObject("id", UUID.class), rs.getObject("redemption_id", UUID.class),
				rs.getObject("reward_id", UUID.class), rs.getObject("member_id", UUID.class), rs.getInt("quantity"),
				GiftOrderStatus.valueOf(rs.getString("status")),
				json.readValue(rs.getString("shipping"), Shipping.class), rs.getString("carrier"),
				rs.getString("tracking_number"), Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class)));
	}
}

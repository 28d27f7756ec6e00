package io.fidelis.earning;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.MultiRowInsert;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/** Purchases and their returns, as tills sent them. */
@Repository
class Purchases {

	private final JdbcClient jdbc;
	private final Clock clock;

	Purchases(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Stores many purchases with their items, as {@link #add} stores one: one statement per table. */
	void addAll(TenantId tenant, List<Purchase> purchases, List<List<PurchaseItem>> items) {
		Object now = Timestamps.sql(clock.instant());
		MultiRowInsert rows = MultiRowInsert.into("purchase", "id", "tenant_id", "transaction_id", "member_id",
				"occurred_at", "amount_minor", "currency", "store_id", "channel", "created_at");
		MultiRowInsert lines = MultiRowInsert.into("purchase_item", "purchase_id", "line", "tenant_id", "sku",
				"category", "quantity", "unit_price_minor");
		for (int i = 0; i < purchases.size(); i++) {
			Purchase purchase = purchases.get(i);
			rows.row(purchase.id(), tenant.value(), purchase.transactionId(), purchase.memberId(),
					Timestamps.sql(purchase.occurredAt()), purchase.amount().minorUnits(),
					purchase.amount().currency().getCurrencyCode(), purchase.storeId(), purchase.channel(), now);
			List<PurchaseItem> itemsOfPurchase = items.get(i);
			for (int line = 0; line < itemsOfPurchase.size(); line++) {
				PurchaseItem item = itemsOfPurchase.get(line);
				lines.row(purchase.id(), line, tenant.value(), item.sku(), item.category(), item.quantity(),
						item.unitPriceMinor());
			}
		}
		rows.execute(jdbc);
		lines.execute(jdbc);
	}

	void add(TenantId tenant, Purchase purchase, List<PurchaseItem> items) {
		jdbc.sql("""
				INSERT INTO purchase (id, tenant_id, transaction_id, member_id, occurred_at, amount_minor, currency,
				store_id, channel, created_at)
				VALUES (:id, :tenant, :transactionId, :member, :occurredAt, :amount, :currency, :store, :channel,
				:createdAt)""")
			.param("id", purchase.id())
			.param("tenant", tenant.value())
			.param("transactionId", purchase.transactionId())
			.param("member", purchase.memberId())
			.param("occurredAt", Timestamps.sql(purchase.occurredAt()))
			.param("amount", purchase.amount().minorUnits())
			.param("currency", purchase.amount().currency().getCurrencyCode())
			.param("store", purchase.storeId())
			.param("channel", purchase.channel())
			.param("createdAt", Timestamps.sql(clock.instant()))
			.update();
		for (int line = 0; line < items.size(); line++) {
			PurchaseItem item = items.get(line);
			jdbc.sql("""
					INSERT INTO purchase_item (purchase_id, line, tenant_id, sku, category, quantity, unit_price_minor)
					VALUES (:purchase, :line, :tenant, :sku, :category, :quantity, :unitPrice)""")
				.param("purchase", purchase.id())
				.param("line", line)
				.param("tenant", tenant.value())
				.param("sku", item.sku())
				.param("category", item.category())
				.param("quantity", item.quantity())
				.param("unitPrice", item.unitPriceMinor())
				.update();
		}
	}

	/** The purchase with this till transaction id, locked: returns of one purchase are taken one at a time. */
	Optional<Purchase> lock(TenantId tenant, String transactionId) {
		return jdbc.sql("""
				SELECT id, transaction_id, member_id, occurred_at, amount_minor, currency, store_id, channel
				FROM purchase WHERE tenant_id = :tenant AND transaction_id = :transactionId FOR UPDATE""")
			.param("tenant", tenant.value())
			.param("transactionId", transactionId)
			.query((rs, n) -> new Purchase(rs.getObject("id", UUID.class), rs.getString("transaction_id"),
					rs.getObject("member_id", UUID.class),
					Timestamps.instant(rs.getObject("occurred_at", OffsetDateTime.class)),
					new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
					rs.getString("store_id"), rs.getString("channel")))
			.optional();
	}

	/** Minor units refunded so far by the returns of a purchase. */
	long refunded(UUID purchaseId) {
		return jdbc.sql("SELECT COALESCE(SUM(amount_minor), 0) FROM purchase_return WHERE purchase_id = :purchase")
			.param("purchase", purchaseId)
			.query(Long.class)
			.single();
	}

	void addReturn(TenantId tenant, UUID purchaseId, String transactionId, Instant occurredAt, Money amount,
			String storeId) {
		jdbc.sql("""
				INSERT INTO purchase_return (id, tenant_id, transaction_id, purchase_id, occurred_at, amount_minor,
				store_id, created_at)
				VALUES (:id, :tenant, :transactionId, :purchase, :occurredAt, :amount, :store, :createdAt)""")
			.param("id", Ids.newId(clock))
			.param("tenant", tenant.value())
			.param("transactionId", transactionId)
			.param("purchase", purchaseId)
			.param("occurredAt", Timestamps.sql(occurredAt))
			.param("amount", amount.minorUnits())
			.param("store", storeId)
			.param("createdAt", Timestamps.sql(clock.instant()))
			.update();
	}
}

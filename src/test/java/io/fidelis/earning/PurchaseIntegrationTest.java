package io.fidelis.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class PurchaseIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void purchaseEarnsOnePointPerEuroRoundedDown() {
		Api api = tenants.create().api();
		String memberId = api.post("/api/v1/members", "{\"email\": \"ada@example.com\"}").text("/id");

		Api.Response earned = api.post("/api/v1/events", """
				{"type": "purchase", "transactionId": "sale-1", "member": {"email": "ADA@example.com"},
				 "occurredAt": "2026-01-15T10:00:00+01:00", "amount": "49.90", "currency": "EUR"}""", null);

		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.number("/effects/0/points")).isEqualTo(49);
		assertThat(earned.text("/effects/0/status")).isEqualTo("available");
		assertThat(api.get("/api/v1/members/" + memberId + "/balances").number("/0/available")).isEqualTo(49);
	}

	@Test
	void roundsTenNinetyNineEurosDownToTenPoints() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response earned = tenant.purchase(memberId, "sale-1", "10.99", clock.instant());

		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.text("/amount")).isEqualTo("10.99");
		assertThat(earned.number("/effects/0/points")).isEqualTo(10);
		assertThat(earned.text("/effects/0/explanation/code")).isEqualTo("earn.purchase");
		assertThat(earned.text("/effects/0/explanation/text"))
			.isEqualTo("10 points for your purchase of 10.99 EUR: Base points 10");
		assertThat(earned.text("/effects/0/explanation/rules/0/computation")).contains("10.99 EUR", "rounded down");
		assertThat(tenant.available(memberId)).isEqualTo(10);
	}

	@Test
	void purchaseBelowOneEuroEarnsNothingAndSaysWhy() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response sale = tenant.purchase(memberId, "sale-1", "0.99", clock.instant());

		assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
		assertThat(sale.number("/effects/0/points")).isZero();
		assertThat(sale.text("/effects/0/status")).isEqualTo("none");
		assertThat(sale.text("/effects/0/explanation/code")).isEqualTo("earn.none");
		assertThat(sale.text("/effects/0/explanation/text")).isEqualTo("No points: no rule applied");
		assertThat(sale.text("/effects/0/explanation/rules/0/reason")).startsWith("gives nothing").contains("0.99 EUR");
		assertThat(tenant.statement(memberId).get("items").isEmpty()).isTrue();
	}

	@Test
	void acceptsTheAmountAsAJsonNumber() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response decimal = tenant.event(purchase("sale-1", "{\"id\": \"" + memberId + "\"}", "10.99"));
		Api.Response whole = tenant.event(purchase("sale-2", "{\"id\": \"" + memberId + "\"}", "25"));

		assertThat(decimal.status()).as(decimal.toString()).isEqualTo(201);
		assertThat(decimal.text("/amount")).isEqualTo("10.99");
		assertThat(decimal.number("/effects/0/points")).isEqualTo(10);
		assertThat(whole.status()).as(whole.toString()).isEqualTo(201);
		assertThat(whole.text("/amount")).isEqualTo("25.00");
		assertThat(whole.number("/effects/0/points")).isEqualTo(25);
		assertThat(tenant.available(memberId)).isEqualTo(35);
	}

	@Test
	void storesTheItemsOfAPurchase() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response earned = tenant.event("""
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "31.50", "currency": "EUR", "storeId": "paris-1", "channel": "store",
				 "items": [{"sku": "COFFEE-250", "category": "coffee", "quantity": 2, "unitPrice": "7.50"},
				           {"sku": "MUG", "quantity": "1.5", "unitPrice": 11}]}"""
			.formatted(memberId, clock.instant()));

		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.number("/effects/0/points")).isEqualTo(31);
		List<Map<String, Object>> items = jdbc.sql("""
				SELECT i.sku, i.category, i.quantity, i.unit_price_minor
				FROM purchase_item i JOIN purchase p ON p.id = i.purchase_id
				WHERE p.tenant_id = :tenant AND p.transaction_id = :transactionId ORDER BY i.line""")
			.param("tenant", tenant.id().value())
			.param("transactionId", "sale-1")
			.query()
			.listOfRows();
		assertThat(items).hasSize(2);
		assertThat(items.get(0)).containsEntry("sku", "COFFEE-250").containsEntry("category", "coffee");
		assertThat((BigDecimal) items.get(0).get("quantity")).isEqualByComparingTo("2");
		assertThat(((Number) items.get(0).get("unit_price_minor")).longValue()).isEqualTo(750);
		assertThat(items.get(1)).containsEntry("sku", "MUG").containsEntry("category", null);
		assertThat((BigDecimal) items.get(1).get("quantity")).isEqualByComparingTo("1.5");
		assertThat(((Number) items.get(1).get("unit_price_minor")).longValue()).isEqualTo(1100);
	}

	@Test
	void refusesAnItemWithoutSkuOrWithAPriceFinerThanACentNamingTheItemField() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response noSku = tenant.event("""
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR",
				 "items": [{"category": "coffee", "quantity": 1, "unitPrice": "10.00"}]}"""
			.formatted(memberId, clock.instant()));
		Api.Response finePrice = tenant.event("""
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR",
				 "items": [{"sku": "A", "quantity": 1, "unitPrice": "5.00"},
				           {"sku": "B", "quantity": 1, "unitPrice": "5.001"}]}""".formatted(memberId, clock.instant()));

		assertProblem(noSku, 400, "/problems/invalid-request");
		assertThat(fields(noSku)).containsExactly("items[0].sku");
		assertProblem(finePrice, 400, "/problems/invalid-request");
		assertThat(fields(finePrice)).containsExactly("items[1].unitPrice");
		assertThat(tenant.available(memberId)).isZero();
		assertThat(purchaseCount(tenant)).isZero();
	}

	@Test
	void storesAnAnonymousSaleWithoutMemberOrEffects() {
		TestTenant tenant = tenants.create();

		Api.Response sale = tenant.event("""
				{"type": "purchase", "transactionId": "anon-1", "occurredAt": "%s", "amount": "20.00",
				 "currency": "EUR", "storeId": "paris-1"}""".formatted(clock.instant()));

		assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
		assertThat(sale.json().has("memberId")).isFalse();
		assertThat(sale.json().get("effects").isEmpty()).as(sale.toString()).isTrue();
		Map<String, Object> stored = jdbc.sql("""
				SELECT member_id, amount_minor, currency, store_id FROM purchase
				WHERE tenant_id = :tenant AND transaction_id = 'anon-1'""")
			.param("tenant", tenant.id().value())
			.query()
			.singleRow();
		assertThat(stored).containsEntry("member_id", null).containsEntry("store_id", "paris-1");
		assertThat(((Number) stored.get("amount_minor")).longValue()).isEqualTo(2000);
		assertThat(tenant.reconciliation().get("issued").asLong()).isZero();
	}

	@Test
	void purchaseInAnotherCurrencyEarnsNothingAndSaysWhy() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response sale = tenant.event("""
				{"type": "purchase", "transactionId": "usd-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "80.00", "currency": "USD"}""".formatted(memberId, clock.instant()));

		assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
		assertThat(sale.json().get("effects")).hasSize(1);
		assertThat(sale.text("/effects/0/program")).isEqualTo("points");
		assertThat(sale.number("/effects/0/points")).isZero();
		assertThat(sale.text("/effects/0/status")).isEqualTo("none");
		assertThat(sale.text("/effects/0/ledgerTransactionId")).isNull();
		assertThat(sale.text("/effects/0/explanation/code")).isEqualTo("earn.none");
		assertThat(sale.text("/effects/0/explanation/rules/0/reason")).contains("USD", "EUR");
		assertThat(tenant.available(memberId)).isZero();
		assertThat(tenant.statement(memberId).get("items").isEmpty()).isTrue();
	}

	@Test
	void programFieldRestrictsEarningToThatProgram() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		Api.Response bonus = tenant.api().post("/api/v1/programs", """
				{"code": "bonus", "name": "Bonus", "currency": "EUR"}""");
		assertThat(bonus.status()).as(bonus.toString()).isEqualTo(201);
		Api.Response rule = tenant.api().post("/api/v1/programs/bonus/rules", """
				{"name": "Double", "trigger": "purchase", "effect": {"type": "points_per_amount", "points": 2}}""");
		assertThat(rule.status()).as(rule.toString()).isEqualTo(201);

		Api.Response onlyBonus = tenant.event("""
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR", "program": "bonus"}""".formatted(memberId, clock.instant()));
		Api.Response everyProgram = tenant.purchase(memberId, "sale-2", "5.00", clock.instant());

		assertThat(onlyBonus.status()).as(onlyBonus.toString()).isEqualTo(201);
		assertThat(onlyBonus.json().get("effects")).hasSize(1);
		assertThat(onlyBonus.text("/effects/0/program")).isEqualTo("bonus");
		assertThat(onlyBonus.number("/effects/0/points")).isEqualTo(20);
		assertThat(everyProgram.json().get("effects")).hasSize(2);
		assertThat(tenant.balance(memberId, "bonus").get("available").asLong()).isEqualTo(30);
		assertThat(tenant.available(memberId)).isEqualTo(5);
	}

	@Test
	void purchaseNamingAnUnknownProgramIsRefusedAndStoresNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response refused = tenant.event("""
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR", "program": "nope"}""".formatted(memberId, clock.instant()));

		assertProblem(refused, 404, "/problems/program-not-found");
		assertThat(purchaseCount(tenant)).isZero();
		Api.Response retried = tenant.purchase(memberId, "sale-1", "10.00", clock.instant());
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isNull();
	}

	@Test
	void pendingProgramCreditsPendingPointsThatBecomeAvailableAfterTheActivationRun() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"pendingDays\": 14}");
		Instant occurredAt = clock.instant();

		Api.Response earned = tenant.purchase(memberId, "sale-1", "50.00", occurredAt);

		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.number("/effects/0/points")).isEqualTo(50);
		assertThat(earned.text("/effects/0/status")).isEqualTo("pending");
		assertThat(Instant.parse(earned.text("/effects/0/availableAt"))).isEqualTo(occurredAt.plus(Duration.ofDays(14)));
		JsonNode pending = tenant.balance(memberId);
		assertThat(pending.get("available").asLong()).isZero();
		assertThat(pending.get("pending").asLong()).isEqualTo(50);

		Api.Response tooEarly = tenant.api().post("/api/v1/programs/points/activation-runs", "");
		assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(201);
		assertThat(tooEarly.number("/units")).isZero();
		assertThat(tenant.balance(memberId).get("pending").asLong()).isEqualTo(50);

		clock.advance(Duration.ofDays(15));
		Api.Response run = tenant.api().post("/api/v1/programs/points/activation-runs", "");

		assertThat(run.status()).as(run.toString()).isEqualTo(201);
		assertThat(run.number("/units")).isEqualTo(50);
		assertThat(run.number("/members")).isEqualTo(1);
		JsonNode available = tenant.balance(memberId);
		assertThat(available.get("available").asLong()).isEqualTo(50);
		assertThat(available.get("pending").asLong()).isZero();
		JsonNode activation = tenant.statement(memberId).at("/items/0");
		assertThat(activation.get("kind").asString()).isEqualTo("activation");
		assertThat(activation.get("amount").asLong()).isEqualTo(50);
		assertThat(activation.get("pendingAmount").asLong()).isEqualTo(-50);
		tenant.assertBalanced();
	}

	@Test
	void activationRunWithoutIdempotencyKeyIsRefused() {
		Api api = tenants.create().api();

		Api.Response refused = api.post("/api/v1/programs/points/activation-runs", "", null);

		assertProblem(refused, 400, "/problems/idempotency-key-required");
	}

	@Test
	void purchaseOlderThanThePendingPeriodIsAvailableAtOnce() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"pendingDays\": 14}");

		Api.Response earned = tenant.purchase(memberId, "late-1", "30.00", clock.instant().minus(Duration.ofDays(20)));

		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.text("/effects/0/status")).isEqualTo("available");
		assertThat(earned.text("/effects/0/availableAt")).isNull();
		JsonNode balance = tenant.balance(memberId);
		assertThat(balance.get("available").asLong()).isEqualTo(30);
		assertThat(balance.get("pending").asLong()).isZero();
	}

	@Test
	void findsTheMemberByEachKindOfIdentifier() {
		TestTenant tenant = tenants.create();
		Api.Response enrolled = tenant.api().post("/api/v1/members", """
				{"email": "ada@example.com", "phone": "+33612345678", "externalId": "crm-42"}""");
		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
		String memberId = enrolled.text("/id");
		String cardNumber = enrolled.text("/cardNumber");
		List<String> references = List.of("{\"id\": \"" + memberId + "\"}",
				"{\"cardNumber\": \"" + cardNumber + "\"}", "{\"email\": \" Ada@Example.com \"}",
				"{\"phone\": \"06 12 34 56 78\"}", "{\"externalId\": \"crm-42\"}");

		for (int i = 0; i < references.size(); i++) {
			Api.Response earned = tenant.event(purchase("sale-" + i, references.get(i), "\"10.00\""));
			assertThat(earned.status()).as(references.get(i) + " → " + earned).isEqualTo(201);
			assertThat(earned.text("/memberId")).as(references.get(i)).isEqualTo(memberId);
			assertThat(earned.number("/effects/0/points")).isEqualTo(10);
		}
		assertThat(tenant.available(memberId)).isEqualTo(50);
	}

	@Test
	void unknownMemberIsNotFoundAndStoresNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response refused = tenant.event(purchase("sale-1", "{\"email\": \"nobody@example.com\"}", "\"10.00\""));

		assertProblem(refused, 404, "/problems/member-not-found");
		assertThat(purchaseCount(tenant)).isZero();
		Api.Response retried = tenant.purchase(memberId, "sale-1", "10.00", clock.instant());
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isNull();
		assertThat(retried.number("/effects/0/points")).isEqualTo(10);
		assertThat(purchaseCount(tenant)).isEqualTo(1);
	}

	@Test
	void memberWithTwoIdentifiersIsRefusedNamingMember() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response refused = tenant.event(purchase("sale-1",
				"{\"id\": \"" + memberId + "\", \"email\": \"ada@example.com\"}", "\"10.00\""));
		Api.Response none = tenant.event(purchase("sale-1", "{}", "\"10.00\""));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("member");
		assertProblem(none, 400, "/problems/invalid-request");
		assertThat(fields(none)).containsExactly("member");
		assertThat(purchaseCount(tenant)).isZero();
		assertThat(tenant.available(memberId)).isZero();
	}

	@Test
	void keyBoundToAStoreCannotSpeakForAnotherStore() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		Api.Response issued = tenant.api().post("/api/v1/api-keys", """
				{"name": "till 1", "scopes": ["events:write", "members:read"], "storeId": "paris-1"}""");
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		TestTenant till = new TestTenant(tenant.id(), tenant.api().withKey(issued.text("/key")));

		Api.Response otherStore = till.event("""
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR", "storeId": "lyon-1"}""".formatted(memberId, clock.instant()));
		Api.Response ownStore = till.event("""
				{"type": "purchase", "transactionId": "sale-2", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR", "storeId": "paris-1"}""".formatted(memberId, clock.instant()));
		Api.Response noStore = till.purchase(memberId, "sale-3", "10.00", clock.instant());

		assertProblem(otherStore, 403, "/problems/insufficient-scope");
		assertThat(ownStore.status()).as(ownStore.toString()).isEqualTo(201);
		assertThat(noStore.status()).as(noStore.toString()).isEqualTo(201);
		assertThat(storeOf(tenant, "sale-1")).isEmpty();
		assertThat(storeOf(tenant, "sale-2")).containsExactly("paris-1");
		assertThat(storeOf(tenant, "sale-3")).containsExactly("paris-1");
		assertThat(tenant.available(memberId)).isEqualTo(20);
	}

	/** A purchase in EUR made now; the member reference and the amount are raw JSON, to try each of their forms. */
	private String purchase(String transactionId, String member, String amount) {
		return """
				{"type": "purchase", "transactionId": "%s", "member": %s, "occurredAt": "%s", "amount": %s,
				 "currency": "EUR"}""".formatted(transactionId, member, clock.instant(), amount);
	}

	private long purchaseCount(TestTenant tenant) {
		return jdbc.sql("SELECT COUNT(*) FROM purchase WHERE tenant_id = :tenant")
			.param("tenant", tenant.id().value())
			.query(Long.class)
			.single();
	}

	private List<String> storeOf(TestTenant tenant, String transactionId) {
		return jdbc.sql("SELECT store_id FROM purchase WHERE tenant_id = :tenant AND transaction_id = :transactionId")
			.param("tenant", tenant.id().value())
			.param("transactionId", transactionId)
			.query(String.class)
			.list();
	}
}

package io.fidelis.earning;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static io.fidelis.support.TestTenants.ruleNames;
import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/events:simulate}: the same evaluation as a real event, written nowhere. */
@IntegrationTest
class SimulationIntegrationTest {

	private static final String SIMULATE = "/api/v1/events:simulate";
	private static final String ADA = "{\"email\": \"ada@example.com\"}";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void simulatedPurchaseAnswersWhatItWouldEarnWithEachRulesVerdictAndWritesNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "First purchase", "trigger": "purchase", "conditions": {"firstPurchase": true},
				 "effect": {"type": "fixed_points", "points": 50}, "priority": 110}""");
		tenant.rule("""
				{"name": "Big basket", "trigger": "purchase", "conditions": {"minAmount": 100},
				 "effect": {"type": "fixed_points", "points": 20}, "priority": 120}""");

		Api.Response simulated = simulate(tenant, purchase(memberId, "sale-1", "40.00"));

		assertThat(simulated.status()).as(simulated.toString()).isEqualTo(200);
		assertThat(simulated.text("/type")).isEqualTo("purchase");
		assertThat(simulated.text("/memberId")).isEqualTo(memberId);
		assertThat(simulated.json().get("effects")).hasSize(1);
		assertThat(simulated.text("/effects/0/program")).isEqualTo("points");
		assertThat(simulated.number("/effects/0/points")).isEqualTo(90);
		assertThat(simulated.text("/effects/0/status")).isEqualTo("available");
		assertThat(simulated.json().at("/effects/0").has("ledgerTransactionId")).isFalse();
		JsonNode explanation = simulated.json().at("/effects/0/explanation");
		assertThat(ruleNames(explanation)).containsExactly("Base points", "First purchase", "Big basket");
		assertThat(verdict(explanation, "Base points").get("points").asLong()).isEqualTo(40);
		assertThat(verdict(explanation, "First purchase").get("points").asLong()).isEqualTo(50);
		assertThat(verdict(explanation, "Big basket").get("fired").asBoolean()).isFalse();
		assertThat(verdict(explanation, "Big basket").get("reason").asString())
			.isEqualTo("the amount 40.00 EUR is below 100 EUR");
		assertThat(explanation.get("text").asString())
			.isEqualTo("90 points for your purchase of 40.00 EUR: Base points 40, First purchase 50");
		assertThat(tenant.available(memberId)).isZero();
		assertThat(tenant.statement(memberId).get("items").isEmpty()).isTrue();
		assertThat(count(tenant, "purchase")).isZero();
		assertThat(purchasesCounted(tenant, memberId)).isZero();
		assertThat(tenant.reconciliation().get("issued").asLong()).isZero();

		Api.Response real = tenant.event(purchase(memberId, "sale-1", "40.00"));

		assertThat(real.status()).as(real.toString()).isEqualTo(201);
		assertThat(real.header("Idempotent-Replayed")).isNull();
		assertThat(real.number("/effects/0/points")).as("still the member's first purchase").isEqualTo(90);
		assertThat(tenant.available(memberId)).isEqualTo(90);
		assertThat(purchasesCounted(tenant, memberId)).isEqualTo(1);
		tenant.assertBalanced();
	}

	@Test
	void simulationConsumesNoLimitOrBudget() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Daily visit", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5},
				 "limits": {"perMember": [{"period": "day", "count": 1}]}}""");
		tenant.rule("""
				{"name": "Launch bonus", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 10},
				 "limits": {"budget": 10}}""");

		Api.Response firstTry = simulate(tenant, purchase(memberId, "sale-1", "10.00"));
		Api.Response secondTry = simulate(tenant, purchase(memberId, "sale-1", "10.00"));
		Api.Response real = tenant.event(purchase(memberId, "sale-1", "10.00"));
		Api.Response afterwards = simulate(tenant, purchase(memberId, "sale-2", "10.00"));

		for (Api.Response simulated : new Api.Response[] { firstTry, secondTry }) {
			assertThat(simulated.status()).as(simulated.toString()).isEqualTo(200);
			assertThat(simulated.number("/effects/0/points")).isEqualTo(25);
		}
		assertThat(real.status()).as(real.toString()).isEqualTo(201);
		JsonNode fired = real.json().at("/effects/0/explanation");
		assertThat(verdict(fired, "Daily visit").get("points").asLong()).isEqualTo(5);
		assertThat(verdict(fired, "Launch bonus").get("points").asLong()).isEqualTo(10);
		assertThat(tenant.available(memberId)).isEqualTo(25);
		JsonNode spent = afterwards.json().at("/effects/0/explanation");
		assertThat(verdict(spent, "Daily visit").get("reason").asString())
			.isEqualTo("the limit of 1 per member per day is reached");
		assertThat(verdict(spent, "Launch bonus").get("reason").asString())
			.isEqualTo("the rule's budget of 10 is spent");
		assertThat(afterwards.number("/effects/0/points")).isEqualTo(10);
		assertThat(tenant.available(memberId)).isEqualTo(25);
	}

	@Test
	void simulatedReturnShowsWhatItWouldTakeBackAndChangesNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		assertThat(tenant.purchase(memberId, "sale-1", "50.00", clock.instant()).status()).isEqualTo(201);

		Api.Response simulated = simulate(tenant, """
				{"type": "return", "transactionId": "ret-1", "originalTransactionId": "sale-1", "occurredAt": "%s",
				 "amount": "20.00", "currency": "EUR"}""".formatted(clock.instant()));

		assertThat(simulated.status()).as(simulated.toString()).isEqualTo(200);
		assertThat(simulated.text("/type")).isEqualTo("return");
		assertThat(simulated.text("/originalTransactionId")).isEqualTo("sale-1");
		assertThat(simulated.text("/refundedTotal")).isEqualTo("20.00");
		assertThat(simulated.number("/effects/0/points")).isEqualTo(-20);
		assertThat(simulated.text("/effects/0/status")).isEqualTo("taken_back");
		assertThat(simulated.json().at("/effects/0").has("ledgerTransactionId")).isFalse();
		assertThat(simulated.text("/effects/0/explanation/text"))
			.isEqualTo("20 points taken back for the return of 20.00 EUR of your 50.00 EUR purchase");
		assertThat(tenant.available(memberId)).isEqualTo(50);
		assertThat(tenant.statement(memberId, "?limit=200").get("items")).hasSize(1);
		assertThat(count(tenant, "purchase_return")).isZero();

		Api.Response real = tenant.giveBack("ret-1", "sale-1", "50.00", clock.instant());

		assertThat(real.status()).as(real.toString()).isEqualTo(201);
		assertThat(real.header("Idempotent-Replayed")).isNull();
		assertThat(real.text("/refundedTotal")).isEqualTo("50.00");
		assertThat(real.number("/effects/0/points")).isEqualTo(-50);
		assertThat(tenant.available(memberId)).isZero();
		tenant.assertBalanced();
	}

	@Test
	void invalidEventIsRefusedWith400NamingTheFieldAndWritesNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);

		Api.Response noTime = simulate(tenant, """
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "amount": "10.00",
				 "currency": "EUR"}""".formatted(memberId));
		Api.Response badAmount = simulate(tenant, """
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.001", "currency": "EUR"}""".formatted(memberId, clock.instant()));
		Api.Response unknownType = simulate(tenant, """
				{"type": "purchse", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s"}"""
			.formatted(memberId, clock.instant()));
		Api.Response returnOfNothing = simulate(tenant, """
				{"type": "return", "transactionId": "ret-1", "occurredAt": "%s", "amount": "5.00",
				 "currency": "EUR"}""".formatted(clock.instant()));

		assertProblem(noTime, 400, "/problems/invalid-request");
		assertThat(fields(noTime)).containsExactly("occurredAt");
		assertProblem(badAmount, 400, "/problems/invalid-request");
		assertThat(fields(badAmount)).containsExactly("amount");
		assertProblem(unknownType, 400, "/problems/invalid-request");
		assertThat(fields(unknownType)).containsExactly("type");
		assertProblem(returnOfNothing, 400, "/problems/invalid-request");
		assertThat(fields(returnOfNothing)).containsExactly("originalTransactionId");
		assertThat(count(tenant, "purchase")).isZero();
		assertThat(tenant.statement(memberId).get("items").isEmpty()).isTrue();
	}

	private Api.Response simulate(TestTenant tenant, String json) {
		return tenant.api().post(SIMULATE, json, null);
	}

	private String purchase(String memberId, String transactionId, String amount) {
		return """
				{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "%s", "currency": "EUR"}""".formatted(transactionId, memberId, clock.instant(), amount);
	}

	private long count(TestTenant tenant, String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :tenant")
			.param("tenant", tenant.id().value())
			.query(Long.class)
			.single();
	}

	/** The member's purchases as the rules count them (first purchase, every nth). */
	private long purchasesCounted(TestTenant tenant, String memberId) {
		return jdbc.sql("SELECT purchases FROM member_activity WHERE tenant_id = :tenant AND member_id = :member")
			.param("tenant", tenant.id().value())
			.param("member", UUID.fromString(memberId))
			.query(Long.class)
			.single();
	}
}

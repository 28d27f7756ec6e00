package io.fidelis.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Returns take back the share of the points their purchase earned; the ledger stays balanced after each scenario. */
@IntegrationTest
class ReturnIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private TestTenant tenant;
	private String memberId;

	@BeforeEach
	void newTenantWithAMember() {
		tenant = tenants.create();
		memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
	}

	@AfterEach
	void ledgerIsBalanced() {
		tenant.assertBalanced();
	}

	@Test
	void partialReturnsAreCumulativeAndTakeBackExactlyWhatWasEarned() {
		assertThat(purchase("sale-1", "100.00").number("/effects/0/points")).isEqualTo(100);

		Api.Response first = giveBack("ret-1", "sale-1", "33.33");
		Api.Response second = giveBack("ret-2", "sale-1", "33.33");
		Api.Response third = giveBack("ret-3", "sale-1", "33.34");

		assertThat(List.of(first, second, third)).allSatisfy(response -> {
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			assertThat(response.text("/effects/0/status")).isEqualTo("taken_back");
			assertThat(response.text("/originalTransactionId")).isEqualTo("sale-1");
		});
		assertThat(first.number("/effects/0/points")).isEqualTo(-33);
		assertThat(second.number("/effects/0/points")).isEqualTo(-33);
		assertThat(third.number("/effects/0/points")).isEqualTo(-34);
		assertThat(first.text("/refundedTotal")).isEqualTo("33.33");
		assertThat(second.text("/refundedTotal")).isEqualTo("66.66");
		assertThat(third.text("/refundedTotal")).isEqualTo("100.00");
		assertThat(first.text("/effects/0/explanation/code")).isEqualTo("clawback.return");
		assertThat(tenant.available(memberId)).isZero();
		JsonNode clawbacks = tenant.statement(memberId).get("items");
		assertThat(clawbacks).hasSize(4);
		assertThat(clawbacks.valueStream().filter(line -> line.get("kind").asString().equals("clawback"))
			.mapToLong(line -> line.get("amount").asLong())
			.sum()).isEqualTo(-100);
	}

	@Test
	void fullRefundTakesBackExactlyWhatWasEarned() {
		assertThat(purchase("sale-1", "49.90").number("/effects/0/points")).isEqualTo(49);
		assertThat(purchase("sale-2", "10.00").number("/effects/0/points")).isEqualTo(10);

		Api.Response refund = giveBack("ret-1", "sale-1", "49.90");

		assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
		assertThat(refund.number("/effects/0/points")).isEqualTo(-49);
		assertThat(refund.json().at("/effects/0/forgiven").asLong()).isZero();
		JsonNode line = tenant.statement(memberId).at("/items/0");
		assertThat(line.get("kind").asString()).isEqualTo("clawback");
		assertThat(line.get("amount").asLong()).isEqualTo(-49);
		assertThat(line.get("reference").asString()).isEqualTo("ret-1");
		JsonNode earn = tenant.statement(memberId).get("items").valueStream()
			.filter(item -> item.get("reference").asString().equals("sale-1"))
			.findFirst()
			.orElseThrow();
		assertThat(earn.get("kind").asString()).isEqualTo("earn");
		assertThat(line.get("reversalOf").asString()).isEqualTo(earn.get("id").asString());
		assertThat(tenant.available(memberId)).isEqualTo(10);
	}

	@Test
	void returningMoreThanIsLeftIsRefusedAndChangesNothing() {
		purchase("sale-1", "100.00");
		assertThat(giveBack("ret-1", "sale-1", "60.00").status()).isEqualTo(201);

		Api.Response refused = giveBack("ret-2", "sale-1", "40.01");

		assertProblem(refused, 422, "/problems/return-exceeds-purchase");
		assertThat(tenant.available(memberId)).isEqualTo(40);
		assertThat(tenant.statement(memberId).get("items")).hasSize(2);
		Api.Response rest = giveBack("ret-2", "sale-1", "40.00");
		assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
		assertThat(rest.header("Idempotent-Replayed")).isNull();
		assertThat(rest.number("/effects/0/points")).isEqualTo(-40);
		assertThat(tenant.available(memberId)).isZero();
		assertProblem(giveBack("ret-3", "sale-1", "0.01"), 422, "/problems/return-exceeds-purchase");
	}

	@Test
	void returnInAnotherCurrencyIsAMismatch() {
		purchase("sale-1", "100.00");

		Api.Response refused = event("""
				{"type": "return", "transactionId": "ret-1", "originalTransactionId": "sale-1", "occurredAt": "%s",
				 "amount": "10.00", "currency": "USD"}""".formatted(clock.instant()));

		assertProblem(refused, 422, "/problems/return-mismatch");
		assertThat(tenant.available(memberId)).isEqualTo(100);
		assertThat(giveBack("ret-1", "sale-1", "10.00").status()).isEqualTo(201);
	}

	@Test
	void returnNamingAnotherMemberIsAMismatch() {
		purchase("sale-1", "100.00");
		tenant.enrol("{\"email\": \"bob@example.com\"}");

		Api.Response refused = event("""
				{"type": "return", "transactionId": "ret-1", "originalTransactionId": "sale-1",
				 "member": {"email": "bob@example.com"}, "occurredAt": "%s", "amount": "10.00", "currency": "EUR"}"""
			.formatted(clock.instant()));
		Api.Response sameMember = event("""
				{"type": "return", "transactionId": "ret-1", "originalTransactionId": "sale-1",
				 "member": {"email": "ada@example.com"}, "occurredAt": "%s", "amount": "10.00", "currency": "EUR"}"""
			.formatted(clock.instant()));

		assertProblem(refused, 422, "/problems/return-mismatch");
		assertThat(sameMember.status()).as(sameMember.toString()).isEqualTo(201);
		assertThat(tenant.available(memberId)).isEqualTo(90);
	}

	@Test
	void returnOfAnUnknownPurchaseIsNotFound() {
		Api.Response refused = giveBack("ret-1", "no-such-sale", "10.00");

		assertProblem(refused, 404, "/problems/purchase-not-found");
		assertThat(purchase("ret-1", "10.00").status()).as("the refused return's id stays free").isEqualTo(201);
	}

	@Test
	void returnOfAnAnonymousSaleHasNoEffects() {
		Api.Response sale = event("""
				{"type": "purchase", "transactionId": "anon-1", "occurredAt": "%s", "amount": "20.00",
				 "currency": "EUR"}""".formatted(clock.instant()));
		assertThat(sale.status()).as(sale.toString()).isEqualTo(201);

		Api.Response refund = giveBack("ret-1", "anon-1", "20.00");

		assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
		assertThat(refund.json().has("memberId")).isFalse();
		assertThat(refund.json().get("effects").isEmpty()).as(refund.toString()).isTrue();
		assertThat(refund.text("/refundedTotal")).isEqualTo("20.00");
	}

	@Test
	void returnWhilePointsArePendingTakesThemFromPending() {
		tenant.patchProgram("{\"pendingDays\": 14}");
		assertThat(purchase("sale-1", "50.00").text("/effects/0/status")).isEqualTo("pending");

		Api.Response refund = giveBack("ret-1", "sale-1", "20.00");

		assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
		assertThat(refund.number("/effects/0/points")).isEqualTo(-20);
		assertThat(refund.text("/effects/0/status")).isEqualTo("taken_back");
		JsonNode balance = tenant.balance(memberId);
		assertThat(balance.get("pending").asLong()).isEqualTo(30);
		assertThat(balance.get("available").asLong()).isZero();
		JsonNode line = tenant.statement(memberId).at("/items/0");
		assertThat(line.get("pendingAmount").asLong()).isEqualTo(-20);
		assertThat(line.get("amount").asLong()).isZero();

		clock.advance(Duration.ofDays(15));
		Api.Response run = tenant.api().post("/api/v1/programs/points/activation-runs", "");
		assertThat(run.number("/units")).as(run.toString()).isEqualTo(30);
		assertThat(tenant.available(memberId)).isEqualTo(30);
		assertThat(tenant.balance(memberId).get("pending").asLong()).isZero();
	}

	@Test
	void clawbackOfSpentPointsTakesWhatIsThereAndForgivesTheRest() {
		purchase("sale-1", "100.00");
		assertThat(adjust(-80).status()).isEqualTo(201);

		Api.Response refund = giveBack("ret-1", "sale-1", "100.00");

		assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
		assertThat(refund.number("/effects/0/points")).isEqualTo(-20);
		assertThat(refund.number("/effects/0/forgiven")).isEqualTo(80);
		assertThat(refund.text("/effects/0/status")).isEqualTo("taken_back");
		assertThat(refund.text("/effects/0/explanation/code")).isEqualTo("clawback.return-forgiven");
		assertThat(refund.text("/effects/0/explanation/text")).contains("20 points", "80");
		assertThat(tenant.available(memberId)).isZero();
	}

	@Test
	void clawbackWithNothingLeftForgivesEverything() {
		purchase("sale-1", "30.00");
		adjust(-30);

		Api.Response refund = giveBack("ret-1", "sale-1", "30.00");

		assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
		assertThat(refund.number("/effects/0/points")).isZero();
		assertThat(refund.number("/effects/0/forgiven")).isEqualTo(30);
		assertThat(refund.text("/effects/0/status")).isEqualTo("none");
		assertThat(tenant.available(memberId)).isZero();
	}

	@Test
	void withNegativeBalancesAllowedTheClawbackCreatesADebtThatTheNextPurchasePaysFirst() {
		tenant.patchProgram("{\"allowNegativeBalance\": true}");
		purchase("sale-1", "100.00");
		adjust(-80);

		Api.Response refund = giveBack("ret-1", "sale-1", "100.00");

		assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
		assertThat(refund.number("/effects/0/points")).isEqualTo(-100);
		assertThat(refund.json().at("/effects/0/forgiven").asLong()).isZero();
		assertThat(tenant.available(memberId)).isEqualTo(-80);

		assertThat(purchase("sale-2", "50.00").number("/effects/0/points")).isEqualTo(50);
		assertThat(tenant.available(memberId)).isEqualTo(-30);
		assertThat(adjust(-1).status()).as("nothing can be spent while in debt").isEqualTo(422);

		assertThat(purchase("sale-3", "100.00").number("/effects/0/points")).isEqualTo(100);
		assertThat(tenant.available(memberId)).isEqualTo(70);
		Api.Response spend = adjust(-70);
		assertThat(spend.status()).as(spend.toString()).isEqualTo(201);
		assertThat(adjust(-1).status()).isEqualTo(422);
		assertThat(tenant.available(memberId)).isZero();
	}

	/** A purchase by the member that must earn. */
	private Api.Response purchase(String transactionId, String amount) {
		Api.Response earned = tenant.purchase(memberId, transactionId, amount, tick());
		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		return earned;
	}

	private Api.Response giveBack(String transactionId, String originalTransactionId, String amount) {
		return tenant.giveBack(transactionId, originalTransactionId, amount, tick());
	}

	private Api.Response event(String json) {
		tick();
		return tenant.event(json);
	}

	private Api.Response adjust(long points) {
		tick();
		return tenant.api().post("/api/v1/members/" + memberId + "/adjustments", """
				{"program": "points", "points": %d, "reason": "spent at the till"}""".formatted(points));
	}

	/**
	 * Moves the clock a second on before each write, so that the statement's newest-first order is defined, and
	 * returns the time before the move: an event happened a moment before the service hears of it.
	 */
	private Instant tick() {
		Instant before = clock.instant();
		clock.advance(Duration.ofSeconds(1));
		return before;
	}
}

package io.fidelis.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /events:batch}: each event answered and written exactly as {@code POST /events} answers and writes it
 * alone, whether it went set-based or one by one.
 */
@IntegrationTest
class EventBatchIntegrationTest {

	private static final String BATCH = "/api/v1/events:batch";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private String purchase(String transactionId, String memberId, String amount) {
		return """
				{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "%s", "currency": "EUR", "items": [{"sku": "A-%s", "category": "food", "quantity": 2,
				 "unitPrice": "1.00"}]}""".formatted(transactionId, memberId, clock.instant().minusSeconds(60), amount,
				transactionId);
	}

	private static String batch(List<String> events) {
		return "{\"events\": [" + String.join(",", events) + "]}";
	}

	/** Two tenants with the same rules and members: one gets the events alone, the other in one batch. */
	@Test
	void aBatchEarnsAndWritesWhatTheSameEventsEarnAlone() {
		String rules = """
				{"name": "Third visit", "trigger": "purchase", "conditions": {"nthPurchase": {"exactly": 3}},
				 "effect": {"type": "fixed_points", "points": 30}}""";
		List<String> alone = new ArrayList<>();
		List<String> together = new ArrayList<>();
		TestTenant one = tenants.create();
		TestTenant other = tenants.create();
		one.rule(rules);
		other.rule(rules);
		List<String> oneMembers = new ArrayList<>();
		List<String> otherMembers = new ArrayList<>();
		for (int m = 0; m < 5; m++) {
			oneMembers.add(one.enrol("{\"externalId\": \"m" + m + "\"}"));
			otherMembers.add(other.enrol("{\"externalId\": \"m" + m + "\"}"));
		}
		// A member in debt: what they earn pays it first.
		one.patchProgram("{\"allowNegativeBalance\": true}");
		other.patchProgram("{\"allowNegativeBalance\": true}");
		for (TestTenant tenant : List.of(one, other)) {
			String member = tenant == one ? oneMembers.get(4) : otherMembers.get(4);
			assertThat(tenant.event(purchase("debt-sale", member, "10.00")).status()).isEqualTo(201);
			assertThat(tenant.adjust(member, "points", -10, "spent").status()).isEqualTo(201);
			assertThat(tenant.giveBack("debt-return", "debt-sale", "10.00", clock.instant()).status()).isEqualTo(201);
			assertThat(tenant.available(member)).isEqualTo(-10);
		}
		for (int i = 0; i < 20; i++) {
			String amount = (3 + i) + "." + (i * 7 % 100 < 10 ? "0" : "") + (i * 7 % 100);
			alone.add(purchase("sale-" + i, oneMembers.get(i % 5), amount));
			together.add(purchase("sale-" + i, otherMembers.get(i % 5), amount));
		}

		List<JsonNode> aloneResults = alone.stream().map(one::event).map(response -> {
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			return response.json();
		}).toList();
		Api.Response batch = other.api().post(BATCH, batch(together), null);

		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		assertThat(batch.number("/applied")).isEqualTo(20);
		assertThat(batch.number("/refused")).isZero();
		for (int i = 0; i < 20; i++) {
			JsonNode item = batch.json().at("/results/" + i);
			assertThat(item.get("index").asInt()).isEqualTo(i);
			assertThat(item.get("status").asInt()).isEqualTo(201);
			assertThat(item.get("replayed").asBoolean()).isFalse();
			assertThat(comparable(item.get("result"))).as("event " + i).isEqualTo(comparable(aloneResults.get(i)));
		}
		for (int m = 0; m < 5; m++) {
			assertThat(other.balance(otherMembers.get(m))).isEqualTo(one.balance(oneMembers.get(m)));
			assertThat(lines(other.statement(otherMembers.get(m)))).isEqualTo(lines(one.statement(oneMembers.get(m))));
		}
		assertThat(other.available(otherMembers.get(0))).isEqualTo(3 + 8 + 13 + 30 + 18);
		one.assertBalanced();
		other.assertBalanced();
	}

	/** Ids and times differ between two tenants; what was earned and why must not. */
	private static String comparable(JsonNode result) {
		return result.toString().replaceAll("\"(memberId|ledgerTransactionId|ruleId)\":\"[^\"]*\"", "");
	}

	private static List<String> lines(JsonNode statement) {
		List<String> lines = new ArrayList<>();
		statement.get("items").forEach(line -> lines.add(line.get("kind").asString() + " " + line.get("amount")
				+ " " + line.at("/explanation/text").asString()));
		return lines;
	}

	@Test
	void eachEventHasItsOwnOutcome() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol("{\"email\": \"ada@example.com\"}");
		String sale = purchase("sale-1", ada, "10.00");
		Api.Response batch = tenant.api().post(BATCH, batch(List.of(
				sale,
				purchase("sale-2", UUID.randomUUID().toString(), "10.00"),
				purchase("sale-3", ada, "ten euros"),
				"{\"type\": \"purchase\", \"transactionId\": \"sale-4\", \"amount\": \"1.00\", \"currency\": \"EUR\"}",
				"{\"type\": \"purchase\", \"transactionId\": \"sale-5\", \"amount\": [1], \"currency\": \"EUR\"}",
				"42",
				sale,
				purchase("sale-1", ada, "11.00"),
				"""
						{"type": "return", "transactionId": "refund-1", "originalTransactionId": "sale-1",
						 "occurredAt": "%s", "amount": "5.00", "currency": "EUR"}""".formatted(clock.instant()),
				"""
						{"type": "purchase", "transactionId": "sale-6", "occurredAt": "%s", "amount": "3.00",
						 "currency": "EUR"}""".formatted(clock.instant()))), null);

		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		JsonNode results = batch.json().get("results");
		assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
		assertThat(results.get(0).at("/result/effects/0/points").asLong()).isEqualTo(10);
		assertThat(results.get(1).at("/problem/type").asString()).isEqualTo("/problems/member-not-found");
		assertThat(results.get(1).get("status").asInt()).isEqualTo(404);
		assertThat(results.get(2).at("/problem/errors/0/field").asString()).isEqualTo("amount");
		assertThat(results.get(3).at("/problem/errors/0/field").asString()).isEqualTo("occurredAt");
		assertThat(results.get(4).at("/problem/type").asString()).isEqualTo("/problems/invalid-request");
		assertThat(results.get(5).at("/problem/errors/0/message").asString()).isEqualTo("must be an event object");
		assertThat(results.get(6).get("replayed").asBoolean()).isTrue();
		assertThat(results.get(6).get("result")).isEqualTo(results.get(0).get("result"));
		assertThat(results.get(7).at("/problem/type").asString()).isEqualTo("/problems/idempotency-key-reused");
		assertThat(results.get(8).get("status").asInt()).as(results.get(8).toString()).isEqualTo(201);
		assertThat(results.get(8).at("/result/effects/0/points").asLong()).isEqualTo(-5);
		assertThat(results.get(9).get("status").asInt()).isEqualTo(201);
		assertThat(results.get(9).at("/result/effects")).isEmpty();
		assertThat(batch.number("/applied")).isEqualTo(3);
		assertThat(batch.number("/replayed")).isEqualTo(1);
		assertThat(batch.number("/refused")).isEqualTo(6);
		assertThat(tenant.available(ada)).isEqualTo(5);
		tenant.assertBalanced();
	}

	@Test
	void anEventSentAloneIsAReplayInABatchAndTheOtherWayRound() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol("{}");
		Api.Response alone = tenant.event(purchase("sale-1", ada, "10.00"));
		Api.Response batch = tenant.api().post(BATCH, batch(List.of(purchase("sale-1", ada, "10.00"),
				purchase("sale-2", ada, "20.00"))), null);
		Api.Response again = tenant.event(purchase("sale-2", ada, "20.00"));

		assertThat(batch.json().at("/results/0/replayed").asBoolean()).isTrue();
		assertThat(batch.json().at("/results/0/result")).isEqualTo(alone.json());
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json()).isEqualTo(batch.json().at("/results/1/result"));
		assertThat(tenant.available(ada)).isEqualTo(30);
		assertThat(tenant.api().post(BATCH, batch(List.of(purchase("sale-2", ada, "21.00"))), null)
			.json()
			.at("/results/0/problem/type")
			.asString()).isEqualTo("/problems/idempotency-key-reused");
	}

	/** A return goes alone; the purchases of its member then go alone too, so that they keep the order sent. */
	@Test
	void aMembersEventsKeepTheOrderSent() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol("{}");
		String bob = tenant.enrol("{}");
		String refund = """
				{"type": "return", "transactionId": "refund-1", "originalTransactionId": "sale-1",
				 "member": {"id": "%s"}, "occurredAt": "%s", "amount": "10.00", "currency": "EUR"}"""
			.formatted(ada, clock.instant());

		Api.Response batch = tenant.api().post(BATCH, batch(List.of(purchase("sale-1", ada, "10.00"), refund,
				purchase("sale-2", ada, "20.00"), purchase("sale-3", bob, "5.00"))), null);

		assertThat(batch.number("/applied")).as(batch.toString()).isEqualTo(4);
		assertThat(tenant.statement(ada).get("items").findValuesAsString("reference"))
			.containsExactly("sale-2", "refund-1", "sale-1");
		assertThat(tenant.available(ada)).isEqualTo(20);
		assertThat(tenant.available(bob)).isEqualTo(5);
		tenant.assertBalanced();
	}

	/** Limits, tiers and activities are applied one by one, with their locks: the outcome is the same. */
	@Test
	void eventsThatNeedLocksAreAppliedOneByOneInTheBatch() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol("{}");
		tenant.rule("""
				{"name": "Twice a day", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5},
				 "limits": {"perMember": [{"period": "day", "count": 2}]}}""");
		tenant.rule("""
				{"name": "Reviews", "trigger": "review", "effect": {"type": "fixed_points", "points": 50}}""");
		Api.Response ladder = tenant.api().send("PUT", "/api/v1/programs/points/tiers",
				"""
						{"metric": "points_earned", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
						 "graceDays": 0, "review": {"type": "anniversary"}, "tiers": [
						 {"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
						 {"code": "silver", "names": {"fr": "Argent", "en": "Silver"}, "threshold": 100}]}""",
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(ladder.status()).as(ladder.toString()).isEqualTo(200);
		List<String> events = new ArrayList<>();
		IntStream.range(0, 4).forEach(i -> events.add(purchase("sale-" + i, ada, "20.00")));
		events.add("""
				{"type": "review", "transactionId": "review-1", "member": {"id": "%s"}, "occurredAt": "%s"}"""
			.formatted(ada, clock.instant()));

		Api.Response batch = tenant.api().post(BATCH, batch(events), null);

		assertThat(batch.number("/applied")).as(batch.toString()).isEqualTo(5);
		assertThat(batch.json().get("results").findValues("result").stream()
			.filter(result -> result.toString().contains("\"rule\":\"Twice a day\",\"version\":1,\"fired\":true"))
			.count()).isEqualTo(2);
		// 4 × 20 + 2 × 5 = 90 points: bronze; the review's 50 more make 140: silver.
		assertThat(tenant.available(ada)).isEqualTo(140);
		assertThat(tenant.api().get("/api/v1/members/" + ada + "/tier?program=points").text("/tier/code"))
			.isEqualTo("silver");
		tenant.assertBalanced();
	}

	@Test
	void aBatchIsOneToAThousandEvents() {
		TestTenant tenant = tenants.create();
		assertProblem(tenant.api().post(BATCH, "{\"events\": []}", null), 400, "/problems/invalid-request");
		assertProblem(tenant.api().post(BATCH, "{}", null), 400, "/problems/invalid-request");
		assertProblem(tenant.api().post(BATCH, "{\"events\": {\"type\": \"purchase\"}}", null), 400,
				"/problems/invalid-request");
		String member = tenant.enrol("{}");
		String event = purchase("sale-x", member, "1.00");
		assertProblem(tenant.api().post(BATCH, batch(java.util.Collections.nCopies(1001, event)), null), 400,
				"/problems/invalid-request");
		assertThat(tenant.available(member)).isZero();

		Api.Response thousand = tenant.api().post(BATCH, batch(IntStream.range(0, 1000)
			.mapToObj(i -> purchase("sale-" + i, member, "1.00"))
			.toList()), null);

		assertThat(thousand.status()).as(thousand.toString()).isEqualTo(200);
		assertThat(thousand.number("/applied")).isEqualTo(1000);
		assertThat(tenant.available(member)).isEqualTo(1000);
		tenant.assertBalanced();
	}

	/** The same events in batches sent at once: each is applied once, whichever batch wins it. */
	@Test
	void concurrentBatchesApplyEachEventOnce() throws Exception {
		TestTenant tenant = tenants.create();
		List<String> members = IntStream.range(0, 10).mapToObj(i -> tenant.enrol("{}")).toList();
		List<String> events = IntStream.range(0, 60)
			.mapToObj(i -> purchase("sale-" + i, members.get(i % 10), "10.00"))
			.collect(Collectors.toList());

		List<Api.Response> answers = AtOnce.send(6, thread -> {
			List<String> shuffled = new ArrayList<>(events);
			java.util.Collections.rotate(shuffled, thread * 10);
			return tenant.api().post(BATCH, batch(shuffled), null);
		});

		assertThat(answers).allSatisfy(answer -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.number("/refused")).as(answer.toString()).isZero();
		});
		assertThat(answers.stream().mapToLong(answer -> answer.number("/applied")).sum()).isEqualTo(60);
		members.forEach(member -> assertThat(tenant.available(member)).isEqualTo(60));
		members.forEach(member -> assertThat(tenant.statement(member).get("items")).hasSize(6));
		tenant.assertBalanced();
	}

	@Test
	void aTillsKeyBatchesForItsOwnStoreOnly() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol("{}");
		Api.Response key = tenant.api().post("/api/v1/api-keys", """
				{"name": "Till 1", "scopes": ["events:write"], "storeId": "store-1"}""");
		assertThat(key.status()).as(key.toString()).isEqualTo(201);
		Api till = tenant.api().withKey(key.text("/key"));
		String elsewhere = """
				{"type": "purchase", "transactionId": "sale-9", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR", "storeId": "store-2"}""".formatted(ada,
				clock.instant().truncatedTo(ChronoUnit.SECONDS));

		Api.Response batch = till.post(BATCH, batch(List.of(purchase("sale-1", ada, "10.00"), elsewhere)), null);

		assertThat(batch.json().at("/results/0/status").asInt()).as(batch.toString()).isEqualTo(201);
		assertThat(batch.json().at("/results/1/status").asInt()).isEqualTo(403);
		assertThat(tenant.available(ada)).isEqualTo(10);
	}
}

package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.assertRaceWon;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** Rewards that are not discounts: cashback credit, experiences, physical gifts; and who may redeem them. */
@IntegrationTest
class RewardTypesIntegrationTest {

	private static final String REWARDS = RewardCatalogIntegrationTest.REWARDS;
	private static final String WALLET = """
			{"code": "wallet", "name": "Wallet", "kind": "cashback", "currency": "EUR", "unitValue": "0.01"}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private static Api.Response create(TestTenant tenant, String json) {
		return tenant.api().post(REWARDS, json);
	}

	private static Api.Response redeem(TestTenant tenant, String member, String json) {
		return tenant.api().post(RedemptionIntegrationTest.redemptions(member), json);
	}

	@Test
	void cashbackCreditTurnsPointsIntoWalletCreditSpentLikeAGiftCard() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post("/api/v1/programs", WALLET).status()).isEqualTo(201);
		assertThat(create(tenant, """
				{"code": "ten-euros", "type": "cashback_credit", "cost": 1000,
				 "cashback": {"program": "wallet", "amount": "10.00"}, "texts": {"en": {"name": "10 EUR credit"}}}""")
			.status()).isEqualTo(201);
		String member = tenant.memberWith(2500);

		Api.Response redeemed = redeem(tenant, member, "{\"reward\": \"ten-euros\", \"quantity\": 2}");

		assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
		assertThat(redeemed.text("/credit/program")).isEqualTo("wallet");
		assertThat(redeemed.text("/credit/amount")).isEqualTo("20.00");
		assertThat(redeemed.json().get("vouchers").isEmpty()).isTrue();
		assertThat(tenant.available(member)).isEqualTo(500);
		assertThat(tenant.balance(member, "wallet").get("available").asLong()).isEqualTo(2000);
		assertThat(tenant.statement(member, "?program=wallet").at("/items/0/explanation/text").asString())
			.isEqualTo("20.00 EUR of credit for 2000 points");
		// Spent at checkout, partly, like a gift card: a hold on the wallet captured for what the basket needs.
		String hold = tenant.api().post("/api/v1/members/" + member + "/holds", """
				{"program": "wallet", "points": 2000}""").text("/id");
		assertThat(tenant.api().post("/api/v1/holds/" + hold + "/capture", "{\"points\": 1250}").status())
			.isEqualTo(200);
		assertThat(tenant.balance(member, "wallet").get("available").asLong()).isEqualTo(750);
		assertThat(tenant.api().get("/api/v1/programs/wallet/reconciliation").text("/balanced")).isEqualTo("true");
		tenant.assertBalanced();
	}

	@Test
	void refusesACashbackCreditIntoAProgramThatIsNotAWallet() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post("/api/v1/programs", WALLET).status()).isEqualTo(201);
		for (Map.Entry<String, String> bad : Map.of("\"program\": \"points\", \"amount\": \"10.00\"",
				"cashback.program", "\"program\": \"nope\", \"amount\": \"10.00\"", "cashback.program",
				"\"program\": \"wallet\", \"amount\": \"10.001\"", "cashback.amount").entrySet()) {
			Api.Response refused = create(tenant, """
					{"code": "credit", "type": "cashback_credit", "cost": 1000, "cashback": {%s},
					 "texts": {"en": {"name": "Credit"}}}""".formatted(bad.getKey()));
			assertProblem(refused, 400, "/problems/invalid-request");
			assertThat(fields(refused)).containsExactly(bad.getValue());
		}
		Api.Response noCashback = create(tenant, """
				{"code": "credit", "type": "cashback_credit", "cost": 1000, "texts": {"en": {"name": "Credit"}}}""");
		assertThat(fields(noCashback)).containsExactly("cashback");
	}

	@Test
	void anExperienceSellsItsSeatsOnceAndItsTicketsAreCheckedInWithoutABasket() throws Exception {
		TestTenant tenant = tenants.create();
		String startsAt = clock.instant().plus(Duration.ofDays(10)).toString();
		assertThat(create(tenant, """
				{"code": "vip-night", "type": "experience", "cost": 300, "stock": 5,
				 "experience": {"startsAt": "%s", "venue": "Paris flagship store"},
				 "texts": {"en": {"name": "VIP shopping night"}, "fr": {"name": "Soirée VIP"}}}""".formatted(startsAt))
			.status()).isEqualTo(201);
		List<String> members = List.of(tenant.memberWith(300), tenant.memberWith(300), tenant.memberWith(300),
				tenant.memberWith(300), tenant.memberWith(300), tenant.memberWith(300), tenant.memberWith(300));

		List<Api.Response> answers = AtOnce.send(members.size(),
				i -> redeem(tenant, members.get(i), "{\"reward\": \"vip-night\"}"));

		assertRaceWon(answers, 201, 5, 422, "/problems/out-of-stock");
		List<Api.Response> seated = answers.stream().filter(answer -> answer.status() == 201).toList();
		String ticket = seated.get(0).text("/vouchers/0/code");
		assertThat(seated.get(0).text("/vouchers/0/expiresAt"))
			.isEqualTo(clock.instant().plus(Duration.ofDays(11)).toString());
		Api.Response checkedIn = tenant.api().post("/api/v1/vouchers/" + ticket + "/redeem", "{\"store\": \"door\"}");
		assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(200);
		assertThat(checkedIn.text("/voucher/status")).isEqualTo("redeemed");
		assertProblem(tenant.api().post("/api/v1/vouchers/" + ticket + "/redeem", "{}"), 409,
				"/problems/voucher-redeemed");
		clock.advance(Duration.ofDays(11));
		assertThat(tenant.api().get(REWARDS + "/vip-night").text("/status")).isEqualTo("ended");
		tenant.assertBalanced();
	}

	@Test
	void refusesAnExperienceWithoutCapacityOrDate() {
		TestTenant tenant = tenants.create();
		assertThat(fields(create(tenant, """
				{"code": "x", "type": "experience", "cost": 300,
				 "experience": {"startsAt": "2027-01-10T19:00:00+01:00"}, "texts": {"en": {"name": "X"}}}""")))
			.containsExactly("stock");
		assertThat(fields(create(tenant, """
				{"code": "x", "type": "experience", "cost": 300, "stock": 5, "texts": {"en": {"name": "X"}}}""")))
			.containsExactly("experience");
		assertThat(fields(create(tenant, """
				{"code": "x", "type": "experience", "cost": 300, "stock": 5,
				 "experience": {"startsAt": "2027-01-10T19:00:00Z", "endsAt": "2027-01-10T18:00:00Z"},
				 "texts": {"en": {"name": "X"}}}"""))).containsExactly("experience.endsAt");
	}

	@Test
	void aPhysicalGiftIsOrderedShippedAndDeliveredOrCancelledWithItsPointsBack() {
		TestTenant tenant = tenants.create();
		assertThat(create(tenant, """
				{"code": "mug", "type": "physical_gift", "cost": 800, "stock": 10,
				 "texts": {"en": {"name": "A Fidelis mug"}}}""").status()).isEqualTo(201);
		String member = tenant.memberWith(2000);
		String shipping = """
				"shipping": {"name": "Ada Lovelace", "line1": "12 rue de la Paix", "postalCode": "75002",
				 "city": "Paris", "country": "FR"}""";
		assertProblem(redeem(tenant, member, "{\"reward\": \"mug\"}"), 400, "/problems/invalid-request");
		assertThat(fields(redeem(tenant, member, "{\"reward\": \"mug\", " + shipping.replace("FR", "France") + "}")))
			.containsExactly("shipping.country");

		Api.Response first = redeem(tenant, member, "{\"reward\": \"mug\", " + shipping + "}");
		Api.Response second = redeem(tenant, member, "{\"reward\": \"mug\", " + shipping + "}");

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.text("/giftOrders/0/status")).isEqualTo("ordered");
		assertThat(first.text("/giftOrders/0/shipping/city")).isEqualTo("Paris");
		assertThat(tenant.available(member)).isEqualTo(400);
		String shipped = first.text("/giftOrders/0/id");
		String cancelled = second.text("/giftOrders/0/id");
		Api.Response queue = tenant.api().get("/api/v1/gift-orders?status=ordered");
		assertThat(queue.json().get("items")).as(queue.toString()).hasSize(2);
		assertThat(fields(tenant.api().get("/api/v1/gift-orders?status=lost"))).containsExactly("status");

		Api.Response shipping1 = tenant.api().post("/api/v1/gift-orders/" + shipped + "/ship", """
				{"carrier": "La Poste", "trackingNumber": "6A12345678901"}""");
		assertThat(shipping1.text("/status")).as(shipping1.toString()).isEqualTo("shipped");
		assertThat(shipping1.text("/trackingNumber")).isEqualTo("6A12345678901");
		assertProblem(tenant.api().post("/api/v1/gift-orders/" + shipped + "/cancel", null), 409,
				"/problems/gift-order-status");
		assertThat(tenant.api().post("/api/v1/gift-orders/" + shipped + "/deliver", null).text("/status"))
			.isEqualTo("delivered");
		assertThat(tenant.api().post("/api/v1/gift-orders/" + cancelled + "/cancel", null).text("/status"))
			.isEqualTo("cancelled");
		assertProblem(tenant.api().post("/api/v1/gift-orders/" + cancelled + "/ship", """
				{"carrier": "La Poste", "trackingNumber": "1"}"""), 409, "/problems/gift-order-status");
		assertThat(tenant.available(member)).isEqualTo(1200);
		assertThat(tenant.api().get(REWARDS + "/mug").number("/issued")).isEqualTo(1);
		assertProblem(tenants.create().api().get("/api/v1/gift-orders/" + shipped), 404,
				"/problems/gift-order-not-found");
		tenant.assertBalanced();
	}

	@Test
	void onlyMembersWithTheRightLabelsMayRedeemAnEligibleOnlyReward() {
		TestTenant tenant = tenants.create();
		assertThat(create(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("\"stock\": 100",
				"\"eligibility\": {\"labels\": {\"anyOf\": [\"vip\"], \"noneOf\": [\"staff\"]}}, \"stock\": 100"))
			.status()).isEqualTo(201);
		String vip = tenant.memberWith(1000);
		String staff = tenant.memberWith(1000);
		String nobody = tenant.memberWith(1000);
		tenant.api().send("PUT", "/api/v1/members/" + vip + "/labels/vip", null, Map.of());
		tenant.api().send("PUT", "/api/v1/members/" + staff + "/labels/vip", null, Map.of());
		tenant.api().send("PUT", "/api/v1/members/" + staff + "/labels/staff", null, Map.of());

		assertThat(redeem(tenant, vip, "{\"reward\": \"five-off\"}").status()).isEqualTo(201);
		Api.Response refused = redeem(tenant, staff, "{\"reward\": \"five-off\"}");
		assertProblem(refused, 422, "/problems/member-not-eligible");
		assertThat(refused.text("/detail")).contains("staff");
		assertProblem(redeem(tenant, nobody, "{\"reward\": \"five-off\"}"), 422, "/problems/member-not-eligible");
		assertThat(tenant.available(staff)).isEqualTo(1000);
		assertThat(fields(create(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("five-off", "x")
			.replace("\"stock\": 100", "\"eligibility\": {\"labels\": {}}, \"stock\": 100"))))
			.containsExactly("eligibility.labels");
	}

	@Test
	void onlyMembersInTheRightTiersMayRedeemATierOnlyReward() {
		TestTenant tenant = tenants.create();
		Api.Response ladder = tenant.api().send("PUT", "/api/v1/programs/points/tiers", """
				{"metric": "points_earned", "window": {"type": "calendar_year"}, "downgrade": "one_tier",
				 "review": {"type": "anniversary"}, "tiers": [
				 {"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
				 {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 500}]}""",
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(ladder.status()).as(ladder.toString()).isEqualTo(200);
		assertThat(create(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("\"stock\": 100",
				"\"eligibility\": {\"tiers\": [\"gold\"]}, \"stock\": 100"))
			.status()).isEqualTo(201);
		String gold = tenant.enrol("{}");
		tenant.purchase(gold, "sale-1", "500.00", clock.instant());
		// Points given by an operator are not earned: the member stays in the base tier.
		String bronze = tenant.memberWith(1000);

		assertThat(redeem(tenant, gold, "{\"reward\": \"five-off\"}").status()).isEqualTo(201);
		Api.Response refused = redeem(tenant, bronze, "{\"reward\": \"five-off\"}");
		assertProblem(refused, 422, "/problems/member-not-eligible");
		assertThat(refused.text("/detail")).contains("the member's tier bronze is not one of [gold]");
		assertThat(tenant.available(bronze)).isEqualTo(1000);
		assertThat(fields(create(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("five-off", "x")
			.replace("\"stock\": 100", "\"eligibility\": {\"tiers\": []}, \"stock\": 100"))))
			.containsExactly("eligibility.tiers");
		assertThat(fields(create(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("five-off", "y")
			.replace("\"stock\": 100", "\"eligibility\": {}, \"stock\": 100"))))
			.containsExactly("eligibility");
	}
}

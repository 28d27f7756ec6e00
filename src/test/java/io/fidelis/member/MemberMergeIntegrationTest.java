package io.fidelis.member;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Problems;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Merging a duplicate member into the one who survives, through the API: what moves, what stays, what is refused. */
@IntegrationTest
class MemberMergeIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	static String merges(String survivor) {
		return "/api/v1/members/" + survivor + "/merges";
	}

	static String merge(String duplicate) {
		return "{\"duplicate\": \"" + duplicate + "\"}";
	}

	private String purchase(TestTenant tenant, String member, String transactionId, String amount) {
		return """
				{"type": "purchase", "transactionId": "%s", "member": %s, "occurredAt": "%s", "amount": "%s",
				 "currency": "EUR"}""".formatted(transactionId, member, clock.instant(), amount);
	}

	@Test
	void theDuplicatesIdentifiersTheSurvivorLacksMoveAndEveryIdentifierOfTheDuplicateReachesTheSurvivor() {
		TestTenant tenant = tenants.create();
		String survivor = tenant.enrol("""
				{"externalId": "crm-1", "firstName": "Ada", "labels": ["vip"]}""");
		String duplicate = tenant.enrol("""
				{"externalId": "crm-2", "email": "Ada@Example.com", "phone": "+33612345678", "lastName": "Lovelace",
				 "birthDate": "1990-12-10", "labels": ["newsletter"]}""");
		String duplicateCard = tenant.api().get("/api/v1/members/" + duplicate).text("/cardNumber");
		String survivorCard = tenant.api().get("/api/v1/members/" + survivor).text("/cardNumber");
		assertThat(tenant.adjust(duplicate, "points", 120, "welcome").status()).isEqualTo(201);
		clock.advance(Duration.ofSeconds(1));

		Api.Response merged = tenant.api().post(merges(survivor), merge(duplicate));

		assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
		assertThat(merged.text("/survivor/id")).isEqualTo(survivor);
		assertThat(merged.text("/survivor/status")).isEqualTo("active");
		assertThat(merged.text("/survivor/cardNumber")).isEqualTo(survivorCard);
		assertThat(merged.text("/survivor/externalId")).isEqualTo("crm-1");
		assertThat(merged.text("/survivor/email")).isEqualTo("ada@example.com");
		assertThat(merged.text("/survivor/phone")).isEqualTo("+33612345678");
		assertThat(merged.text("/survivor/firstName")).isEqualTo("Ada");
		assertThat(merged.text("/survivor/lastName")).isEqualTo("Lovelace");
		assertThat(merged.text("/survivor/birthDate")).isEqualTo("1990-12-10");
		assertThat(merged.json().at("/survivor/labels")).extracting(JsonNode::asString)
			.containsExactly("newsletter", "vip");
		Api.Response gone = tenant.api().get("/api/v1/members/" + duplicate);
		assertThat(gone.status()).isEqualTo(200);
		assertThat(gone.text("/status")).isEqualTo("merged");
		assertThat(gone.text("/mergedInto")).isEqualTo(survivor);
		assertThat(gone.text("/statusReason")).contains(survivor);
		assertThat(gone.text("/email")).isNull();
		assertThat(gone.text("/externalId")).isEqualTo("crm-2");
		assertThat(tenant.available(survivor)).isEqualTo(120);
		assertThat(tenant.available(duplicate)).isZero();

		// Every way a till may name the duplicate now earns for the survivor.
		List<String> references = List.of("{\"id\": \"" + duplicate + "\"}",
				"{\"cardNumber\": \"" + duplicateCard + "\"}", "{\"externalId\": \"crm-2\"}",
				"{\"email\": \"ada@example.com\"}", "{\"phone\": \"+33612345678\"}");
		for (int i = 0; i < references.size(); i++) {
			Api.Response earned = tenant.event(purchase(tenant, references.get(i), "after-merge-" + i, "10.00"));
			assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
			assertThat(earned.text("/memberId")).isEqualTo(survivor);
		}
		assertThat(tenant.available(survivor)).isEqualTo(170);
		assertThat(tenant.available(duplicate)).isZero();
		Api.Response found = tenant.api().get("/api/v1/members?identifier=" + duplicateCard);
		assertThat(found.text("/items/0/id")).isEqualTo(survivor);
		tenant.assertBalanced();
	}

	@Test
	void bothStatementsKeepTheirHistoryAndSayWhereTheUnitsWent() {
		TestTenant tenant = tenants.create();
		String survivor = tenant.memberWith(10);
		String duplicate = tenant.memberWith(90);
		clock.advance(Duration.ofSeconds(1));

		assertThat(tenant.api().post(merges(survivor), merge(duplicate)).status()).isEqualTo(200);

		JsonNode sent = tenant.statement(duplicate).at("/items");
		JsonNode received = tenant.statement(survivor).at("/items");
		assertThat(sent).hasSize(2);
		assertThat(sent.at("/0/kind").asString()).isEqualTo("transfer");
		assertThat(sent.at("/0/amount").asLong()).isEqualTo(-90);
		assertThat(sent.at("/0/explanation/text").asString())
			.isEqualTo("Merged into member " + survivor + ": 90 points moved there");
		assertThat(sent.at("/1/amount").asLong()).isEqualTo(90);
		assertThat(received).hasSize(2);
		assertThat(received.at("/0/kind").asString()).isEqualTo("transfer");
		assertThat(received.at("/0/amount").asLong()).isEqualTo(90);
		assertThat(received.at("/0/explanation/text").asString())
			.isEqualTo("Merged from member " + duplicate + ": 90 points moved here");
		tenant.assertBalanced();
	}

	@Test
	void aMergedMemberCannotBeUsedAnymoreButStillAnswersItsState() {
		TestTenant tenant = tenants.create();
		String survivor = tenant.memberWith(0);
		String duplicate = tenant.memberWith(500);
		String third = tenant.memberWith(0);
		assertThat(tenant.api().post(merges(survivor), merge(duplicate)).status()).isEqualTo(200);

		assertProblem(tenant.adjust(duplicate, "points", 10, "late"), 409, "/problems/member-merged");
		assertProblem(tenant.api().post("/api/v1/members/" + duplicate + "/transfers",
				"{\"program\": \"points\", \"to\": \"" + third + "\", \"points\": 10}"), 409, "/problems/member-merged");
		assertProblem(tenant.api().post("/api/v1/members/" + survivor + "/transfers",
				"{\"program\": \"points\", \"to\": \"" + duplicate + "\", \"points\": 10}"), 409,
				"/problems/member-merged");
		assertProblem(tenant.api().post("/api/v1/members/" + duplicate + "/holds",
				"{\"program\": \"points\", \"points\": 10}"), 409, "/problems/member-merged");
		assertProblem(tenant.api().post("/api/v1/members/" + duplicate + "/block", "{\"reason\": \"fraud\"}"), 409,
				"/problems/member-merged");
		assertProblem(tenant.api().post(merges(third), merge(duplicate)), 409, "/problems/member-merged");
		assertProblem(tenant.api().post(merges(duplicate), merge(third)), 409, "/problems/member-merged");
		assertThat(tenant.api().get("/api/v1/members/" + duplicate + "/balances").status()).isEqualTo(200);
		assertThat(tenant.api().get("/api/v1/members/" + duplicate + "/transactions").status()).isEqualTo(200);
		assertThat(tenant.available(survivor)).isEqualTo(500);
		tenant.assertBalanced();
	}

	@Test
	void refusesToMergeAMemberIntoThemselvesAMemberOfAnotherTenantOrWithoutAKey() {
		TestTenant tenant = tenants.create();
		TestTenant other = tenants.create();
		String member = tenant.memberWith(50);
		String stranger = other.memberWith(50);

		Api.Response itself = tenant.api().post(merges(member), merge(member));
		assertProblem(itself, 400, "/problems/invalid-request");
		assertThat(Problems.fields(itself)).containsExactly("duplicate");
		assertProblem(tenant.api().post(merges(member), merge(stranger)), 404, "/problems/member-not-found");
		assertProblem(tenant.api().post(merges(stranger), merge(member)), 404, "/problems/member-not-found");
		assertProblem(tenant.api().post(merges(member), merge(tenant.memberWith(0)), null), 400,
				"/problems/idempotency-key-required");
		assertProblem(tenant.api().post(merges(member), "{}"), 400, "/problems/invalid-request");
		assertThat(tenant.available(member)).isEqualTo(50);
		assertThat(other.available(stranger)).isEqualTo(50);
		assertThat(other.api().get("/api/v1/members/" + stranger).text("/status")).isEqualTo("active");
	}

	@Test
	void aReplayedMergeAnswersTheFirstAnswerAndMovesUnitsOnce() {
		TestTenant tenant = tenants.create();
		String survivor = tenant.memberWith(10);
		String duplicate = tenant.memberWith(30);

		Api.Response first = tenant.api().post(merges(survivor), merge(duplicate), "merge-1");
		Api.Response replay = tenant.api().post(merges(survivor), merge(duplicate), "merge-1");
		Api.Response reused = tenant.api().post(merges(survivor), merge(tenant.memberWith(0)), "merge-1");

		assertThat(first.status()).isEqualTo(200);
		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.body()).isEqualTo(first.body());
		assertProblem(reused, 409, "/problems/idempotency-key-reused");
		assertThat(tenant.available(survivor)).isEqualTo(40);
		assertThat(tenant.statement(survivor).at("/items")).hasSize(2);
		tenant.assertBalanced();
	}

	@Test
	void twoMergesOfOnePairAtOnceMergeItOnce() throws Exception {
		TestTenant tenant = tenants.create();
		for (int round = 0; round < 3; round++) {
			String one = tenant.memberWith(100);
			String two = tenant.memberWith(50);
			// The same pair both ways round, and the same way twice: one merge wins, the others find a merged member.
			List<Api.Response> answers = AtOnce.send(3, i -> i == 0
					? tenant.api().post(merges(one), merge(two)) : tenant.api().post(merges(two), merge(one)));

			Problems.assertRaceWon(answers, 200, 1, 409, "/problems/member-merged");
			assertThat(tenant.available(one) + tenant.available(two)).isEqualTo(150);
			assertThat(List.of(tenant.available(one), tenant.available(two))).contains(0L, 150L);
		}
		tenant.assertBalanced();
	}

	@Test
	void anEarnRacingAMergeLandsOnTheSurvivorWhicheverCommitsFirst() throws Exception {
		TestTenant tenant = tenants.create();
		for (int round = 0; round < 5; round++) {
			String survivor = tenant.memberWith(10);
			String duplicate = tenant.memberWith(20);
			String sale = purchase(tenant, "{\"id\": \"" + duplicate + "\"}", "race-" + round, "40.00");
			List<Api.Response> answers = AtOnce.send(2, i -> i == 0
					? tenant.api().post(merges(survivor), merge(duplicate)) : tenant.event(sale));

			assertThat(answers.get(0).status()).as(answers.get(0).toString()).isEqualTo(200);
			// Before the merge the earn credits the duplicate, and the merge moves it; after, it names the survivor;
			// in between, the duplicate's closed account sends it round again, to the survivor.
			assertThat(answers.get(1).status()).as(answers.get(1).toString()).isEqualTo(201);
			assertThat(answers.get(1).text("/memberId")).isIn(survivor, duplicate);
			assertThat(tenant.available(survivor)).isEqualTo(70);
			assertThat(tenant.available(duplicate)).isZero();
		}
		tenant.assertBalanced();
	}

	@Test
	void aBatchRacingAMergeLandsOnTheSurvivor() throws Exception {
		TestTenant tenant = tenants.create();
		for (int round = 0; round < 3; round++) {
			String survivor = tenant.memberWith(10);
			String duplicate = tenant.memberWith(20);
			String other = tenant.memberWith(0);
			String batch = "{\"events\": [" + purchase(tenant, "{\"id\": \"" + other + "\"}", "batch-a-" + round, "5.00")
					+ "," + purchase(tenant, "{\"id\": \"" + duplicate + "\"}", "batch-b-" + round, "40.00") + "]}";
			List<Api.Response> answers = AtOnce.send(2, i -> i == 0
					? tenant.api().post(merges(survivor), merge(duplicate))
					: tenant.api().post("/api/v1/events:batch", batch, null));

			assertThat(answers.get(0).status()).as(answers.get(0).toString()).isEqualTo(200);
			assertThat(answers.get(1).status()).as(answers.get(1).toString()).isEqualTo(200);
			assertThat(answers.get(1).number("/applied")).as(answers.get(1).toString()).isEqualTo(2);
			assertThat(tenant.available(survivor)).isEqualTo(70);
			assertThat(tenant.available(duplicate)).isZero();
			assertThat(tenant.available(other)).isEqualTo(5);
		}
		tenant.assertBalanced();
	}

	@Test
	void theDuplicatesUnusedVouchersBecomeTheSurvivorsAndACancelledOneGivesItsPointsToTheSurvivor() {
		TestTenant tenant = tenants.create();
		Api.Response reward = tenant.api().post("/api/v1/programs/points/rewards", """
				{"code": "five-off", "type": "discount_voucher", "cost": 100, "texts": {"en": {"name": "5 EUR off"}},
				 "discount": {"kind": "fixed", "amount": "5.00"}, "voucher": {"validDays": 30}}""");
		assertThat(reward.status()).as(reward.toString()).isEqualTo(201);
		String survivor = tenant.memberWith(0);
		String duplicate = tenant.memberWith(300);
		Api.Response redeemed = tenant.api().post("/api/v1/members/" + duplicate + "/redemptions",
				"{\"reward\": \"five-off\", \"quantity\": 2}");
		assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
		String kept = redeemed.text("/vouchers/0/code");
		String cancelled = redeemed.text("/vouchers/1/code");

		assertThat(tenant.api().post(merges(survivor), merge(duplicate)).status()).isEqualTo(200);

		assertThat(tenant.api().get("/api/v1/members/" + survivor + "/vouchers").json().path("items"))
			.extracting(voucher -> voucher.get("code").asString())
			.containsExactlyInAnyOrder(kept, cancelled);
		assertThat(tenant.api().get("/api/v1/members/" + duplicate + "/vouchers").json().path("items")).isEmpty();
		Api.Response cancel = tenant.api().post("/api/v1/vouchers/" + cancelled + "/cancel", null);
		assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
		assertThat(tenant.available(survivor)).isEqualTo(200);
		assertThat(tenant.available(duplicate)).isZero();
		assertThat(tenant.api().post("/api/v1/vouchers/" + kept + "/redeem", """
				{"amount": "20.00", "currency": "EUR", "items": [], "store": "paris-1", "reference": "till-1"}""")
			.status()).isEqualTo(200);
		tenant.assertBalanced();
	}

	@Test
	void anOpenMembershipOfTheDuplicateRefusesTheMerge() {
		TestTenant tenant = tenants.create();
		Api.Response plan = tenant.api().post("/api/v1/membership-plans", """
				{"code": "plus", "names": {"fr": "Plus", "en": "Plus"}, "price": "9.90", "currency": "EUR",
				 "term": "monthly"}""");
		assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
		String survivor = tenant.memberWith(0);
		String duplicate = tenant.memberWith(0);
		Api.Response started = tenant.api().post("/api/v1/members/" + duplicate + "/memberships", """
				{"plan": "plus", "paymentReference": "p1", "amount": "9.90", "currency": "EUR"}""");
		assertThat(started.status()).as(started.toString()).isEqualTo(201);

		assertProblem(tenant.api().post(merges(survivor), merge(duplicate)), 409, "/problems/merge-refused");
		assertThat(tenant.api().get("/api/v1/members/" + duplicate).text("/status")).isEqualTo("active");
	}

	@Test
	void theSurvivorKeepsTheBetterTierAndTheDuplicatesQualifyingActivityCountsForThem() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().put("/api/v1/programs/points/tiers", """
				{"metric": "points_earned", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
				 "graceDays": 0, "review": {"type": "anniversary"}, "tiers": [
				 {"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
				 {"code": "silver", "names": {"fr": "Argent", "en": "Silver"}, "threshold": 300},
				 {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 1000}]}""").status())
			.isEqualTo(200);
		String survivor = tenant.enrol("{}");
		String goldDuplicate = tenant.enrol("{}");
		String until = clock.instant().plus(Duration.ofDays(90)).toString();
		Api.Response assigned = tenant.api().post("/api/v1/members/" + goldDuplicate + "/tier", """
				{"program": "points", "tier": "gold", "reason": "Partner staff", "until": "%s"}""".formatted(until));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		String silverDuplicate = tenant.enrol("{}");
		assertThat(tenant.event(purchase(tenant, "{\"id\": \"" + silverDuplicate + "\"}", "big-sale", "200.00"))
			.status()).isEqualTo(201);
		assertThat(tenant.event(purchase(tenant, "{\"id\": \"" + survivor + "\"}", "small-sale", "150.00"))
			.status()).isEqualTo(201);
		assertThat(tenant.api().get("/api/v1/members/" + survivor + "/tier").text("/tier/code")).isEqualTo("bronze");

		// 150 and 200 points earned are 350 together: silver.
		assertThat(tenant.api().post(merges(survivor), merge(silverDuplicate)).status()).isEqualTo(200);
		Api.Response silver = tenant.api().get("/api/v1/members/" + survivor + "/tier");
		assertThat(silver.text("/tier/code")).isEqualTo("silver");
		assertThat(silver.text("/metric/value")).isEqualTo("350");

		// The operator's gold is better than silver: the survivor keeps it, until the date the operator gave.
		assertThat(tenant.api().post(merges(survivor), merge(goldDuplicate)).status()).isEqualTo(200);
		Api.Response gold = tenant.api().get("/api/v1/members/" + survivor + "/tier");
		assertThat(gold.text("/tier/code")).isEqualTo("gold");
		assertThat(gold.text("/manualUntil")).isEqualTo(until);
		Api.Response history = tenant.api().get("/api/v1/members/" + survivor + "/tier-history");
		assertThat(history.text("/items/0/from")).isEqualTo("silver");
		assertThat(history.text("/items/0/to")).isEqualTo("gold");
		assertThat(history.text("/items/0/reason")).contains(goldDuplicate);
		tenant.assertBalanced();
	}
}

package io.fidelis.analytics;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * RFM segments on hand-computed data, and what targets them: rules and rewards. Five members, each a fifth of the
 * buyers on every score, all purchases 10.00 EUR so that spend follows frequency:
 * <pre>
 *   member  last purchase  purchases  R  F  M  F+M  segment
 *   ada     1 day ago      5          5  5  5  10   champions
 *   cy      20 days ago    3          4  3  3   6   loyal
 *   dee     100 days ago   2          3  2  2   4   need_attention
 *   bo      300 days ago   4          2  4  4   8   at_risk
 *   eve     350 days ago   1          1  1  1   2   lost
 *   fay     400 days ago   1          (out of the year's window: in no segment)
 * </pre>
 */
@IntegrationTest
class RfmSegmentIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	RfmSegmentJob job;

	private record Shop(TestTenant tenant, Map<String, String> members) {
	}

	/** A tenant with the members above and their purchases. */
	private Shop shop() {
		TestTenant tenant = tenants.create();
		Map<String, String> members = new LinkedHashMap<>();
		Map<String, int[]> history = Map.of("ada", new int[] { 1, 5 }, "cy", new int[] { 20, 3 }, "dee",
				new int[] { 100, 2 }, "bo", new int[] { 300, 4 }, "eve", new int[] { 350, 1 }, "fay",
				new int[] { 400, 1 });
		for (String name : new String[] { "ada", "bo", "cy", "dee", "eve", "fay" }) {
			String member = tenant.enrol("{\"externalId\": \"" + name + "\"}");
			members.put(name, member);
			int[] days = history.get(name);
			for (int i = 0; i < days[1]; i++) {
				Instant at = clock.instant().minus(Duration.ofDays(days[0] + i));
				Api.Response sale = tenant.purchase(member, name + "-" + i, "10.00", at);
				assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
			}
		}
		return new Shop(tenant, members);
	}

	@Test
	void membersAreScoredByFifthsAndNamedBySegment() {
		Shop shop = shop();
		Api api = shop.tenant().api();

		Api.Response computed = api.post("/api/v1/segments:compute", "{}");

		assertThat(computed.status()).as(computed.toString()).isEqualTo(200);
		assertThat(Instant.parse(computed.text("/computedAt"))).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
		Map<String, Long> sizes = new LinkedHashMap<>();
		computed.json().get("segments").forEach(size -> sizes.put(size.get("segment").asString(),
				size.get("members").asLong()));
		assertThat(sizes).containsExactly(Map.entry("champions", 1L), Map.entry("loyal", 1L),
				Map.entry("promising", 0L), Map.entry("need_attention", 1L), Map.entry("at_risk", 1L),
				Map.entry("hibernating", 0L), Map.entry("lost", 1L));
		assertSegment(api, shop.members().get("ada"), "champions", 5, 5, 5);
		assertSegment(api, shop.members().get("cy"), "loyal", 4, 3, 3);
		assertSegment(api, shop.members().get("dee"), "need_attention", 3, 2, 2);
		assertSegment(api, shop.members().get("bo"), "at_risk", 2, 4, 4);
		assertSegment(api, shop.members().get("eve"), "lost", 1, 1, 1);
		Api.Response ada = api.get("/api/v1/members/" + shop.members().get("ada") + "/segment");
		assertThat(ada.number("/purchases")).isEqualTo(5);
		assertThat(ada.number("/spentMinor")).isEqualTo(5000);
		assertThat(Instant.parse(ada.text("/lastPurchaseAt")))
			.isEqualTo(clock.instant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MICROS));
		assertProblem(api.get("/api/v1/members/" + shop.members().get("fay") + "/segment"), 404,
				"/problems/segment-not-found");

		JsonNode atRisk = api.get("/api/v1/segments/at_risk/members").json();
		assertThat(atRisk.get("items")).hasSize(1);
		assertThat(atRisk.at("/items/0/memberId").asString()).isEqualTo(shop.members().get("bo"));
		assertProblem(api.get("/api/v1/segments/vip/members"), 404, "/problems/segment-not-found");
		assertProblem(api.get("/api/v1/segments/lost/members?limit=0"), 400, "/problems/invalid-request");
	}

	private static void assertSegment(Api api, String member, String segment, int r, int f, int m) {
		Api.Response standing = api.get("/api/v1/members/" + member + "/segment");
		assertThat(standing.status()).as(standing.toString()).isEqualTo(200);
		assertThat(standing.text("/segment")).isEqualTo(segment);
		assertThat(standing.number("/recency")).isEqualTo(r);
		assertThat(standing.number("/frequency")).isEqualTo(f);
		assertThat(standing.number("/monetary")).isEqualTo(m);
	}

	/** Lapsed: bought before, but not in the last N days; kept by each purchase, alone or in a batch. */
	@Test
	void lapsedMembersAreThoseWithoutAPurchaseInTheLastDays() {
		Shop shop = shop();
		Api api = shop.tenant().api();

		JsonNode ninety = api.get("/api/v1/lapsed-members").json();
		assertThat(ninety.get("days").asInt()).isEqualTo(90);
		assertThat(ninety.get("total").asLong()).isEqualTo(4);
		assertThat(ninety.get("items").findValuesAsString("memberId")).containsExactlyInAnyOrder(
				shop.members().get("dee"), shop.members().get("bo"), shop.members().get("eve"), shop.members().get("fay"));
		assertThat(api.get("/api/v1/lapsed-members?days=365").json().get("items").findValuesAsString("memberId"))
			.containsExactly(shop.members().get("fay"));
		JsonNode first = api.get("/api/v1/lapsed-members?days=10&limit=3").json();
		JsonNode second = api.get("/api/v1/lapsed-members?days=10&limit=3&after=" + first.get("nextCursor").asString())
			.json();
		assertThat(first.get("items")).hasSize(3);
		assertThat(second.get("items")).hasSize(2);
		assertThat(second.get("nextCursor").isNull()).isTrue();

		// Fay comes back in a batch; a till sends Ada's old sale late, which does not make her lapsed.
		Api.Response batch = api.post("/api/v1/events:batch", """
				{"events": [{"type": "purchase", "transactionId": "fay-back", "member": {"id": "%s"},
				 "occurredAt": "%s", "amount": "10.00", "currency": "EUR"}]}"""
			.formatted(shop.members().get("fay"), clock.instant()), null);
		assertThat(batch.number("/applied")).as(batch.toString()).isEqualTo(1);
		shop.tenant().purchase(shop.members().get("ada"), "ada-late", "10.00",
				clock.instant().minus(Duration.ofDays(500)));
		assertThat(api.get("/api/v1/lapsed-members?days=365").json().get("total").asLong()).isZero();
		assertThat(api.get("/api/v1/lapsed-members?days=90").json().get("items").findValuesAsString("memberId"))
			.doesNotContain(shop.members().get("ada"), shop.members().get("fay"));
		assertProblem(api.get("/api/v1/lapsed-members?days=0"), 400, "/problems/invalid-request");
	}

	@Test
	void theDailyJobComputesEveryTenantsSegmentsAgainAsTheyChange() {
		Shop shop = shop();
		Api api = shop.tenant().api();

		assertThat(job.run(clock.instant())).startsWith("recomputed ");
		assertThat(api.get("/api/v1/members/" + shop.members().get("eve") + "/segment").text("/segment"))
			.isEqualTo("lost");
		assertThat(job.run(clock.instant())).as("computed already today").startsWith("recomputed 0 tenants");
		// Eve comes back, and buys more than anyone: recent, frequent and big spending; the next day's run sees it.
		for (int i = 0; i < 6; i++) {
			shop.tenant().purchase(shop.members().get("eve"), "eve-back-" + i, "10.00", clock.instant());
		}
		clock.advance(Duration.ofDays(1));
		job.run(clock.instant());

		assertThat(api.get("/api/v1/members/" + shop.members().get("eve") + "/segment").text("/segment"))
			.isEqualTo("champions");
		assertThat(api.get("/api/v1/segments").json().get("segments").findValuesAsString("segment"))
			.containsExactly("champions", "loyal", "promising", "need_attention", "at_risk", "hibernating", "lost");
	}

	@Test
	void aRuleMayTargetSegments() {
		Shop shop = shop();
		TestTenant tenant = shop.tenant();
		tenant.api().post("/api/v1/segments:compute", "{}");
		tenant.rule("""
				{"name": "Champions bonus", "trigger": "purchase", "conditions": {"segments": ["champions"]},
				 "effect": {"type": "fixed_points", "points": 100}}""");
		tenant.rule("""
				{"name": "Win back", "trigger": "purchase",
				 "conditions": {"expression": "member.segment == 'lost' || member.segment == 'at_risk'"},
				 "effect": {"type": "fixed_points", "points": 30}}""");

		// Ada's 50 points of the year reach silver with her next purchase, for the one after.
		tenant.purchase(shop.members().get("ada"), "ada-now", "10.00", clock.instant());
		Api.Response ada = tenant.purchase(shop.members().get("ada"), "ada-again", "10.00", clock.instant());
		Api.Response eve = tenant.purchase(shop.members().get("eve"), "eve-now", "10.00", clock.instant());

		assertThat(ada.number("/effects/0/points")).as(ada.toString()).isEqualTo(110);
		assertThat(eve.number("/effects/0/points")).as(eve.toString()).isEqualTo(40);
		assertThat(TestTenants.verdict(eve.json().at("/effects/0/explanation"), "Champions bonus").get("reason")
			.asString()).isEqualTo("the member's segment lost is not one of [champions]");
		Api.Response fay = tenant.purchase(shop.members().get("fay"), "fay-now", "10.00", clock.instant());
		assertThat(TestTenants.verdict(fay.json().at("/effects/0/explanation"), "Champions bonus").get("reason")
			.asString()).isEqualTo("the member is in no segment");

		Api.Response unknown = tenant.api().post("/api/v1/programs/points/rules", """
				{"name": "VIPs", "trigger": "purchase", "conditions": {"segments": ["vip"]},
				 "effect": {"type": "fixed_points", "points": 1}}""");
		assertProblem(unknown, 400, "/problems/invalid-request");
		assertThat(fields(unknown)).containsExactly("conditions.segments");
		assertThat(unknown.text("/errors/0/message")).contains("no segment 'vip'", "champions");
		assertThat(fields(tenant.api().post("/api/v1/programs/points/rules", """
				{"name": "None", "trigger": "purchase", "conditions": {"segments": []},
				 "effect": {"type": "fixed_points", "points": 1}}"""))).containsExactly("conditions.segments");
	}

	/** A win-back campaign for the lost and at-risk members; and one for the silver tier of a ladder. */
	@Test
	void aCampaignsAudienceMayBeSegmentsAndTiers() {
		Shop shop = shop();
		TestTenant tenant = shop.tenant();
		tenant.api().post("/api/v1/segments:compute", "{}");
		Api.Response ladder = tenant.api().send("PUT", "/api/v1/programs/points/tiers", """
				{"metric": "points_earned", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
				 "graceDays": 0, "review": {"type": "anniversary"}, "tiers": [
				 {"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
				 {"code": "silver", "names": {"fr": "Argent", "en": "Silver"}, "threshold": 40}]}""",
				Map.of("Idempotency-Key", "ladder-1"));
		assertThat(ladder.status()).as(ladder.toString()).isEqualTo(200);
		String window = "\"startsAt\": \"%s\", \"endsAt\": \"%s\"".formatted(clock.instant().minus(Duration.ofDays(1)),
				clock.instant().plus(Duration.ofDays(7)));
		tenant.campaign("{\"code\": \"win-back\", \"name\": \"Win back\", " + window
				+ ", \"audience\": {\"segments\": [\"lost\", \"at_risk\"]}}");
		tenant.campaign("{\"code\": \"silver-week\", \"name\": \"Silver week\", " + window
				+ ", \"audience\": {\"tiers\": [\"silver\"]}}");
		tenant.rule("""
				{"name": "Come back", "trigger": "purchase", "campaign": "win-back",
				 "effect": {"type": "fixed_points", "points": 25}}""");
		tenant.rule("""
				{"name": "Silver bonus", "trigger": "purchase", "campaign": "silver-week",
				 "effect": {"type": "fixed_points", "points": 7}}""");

		Api.Response eve = tenant.purchase(shop.members().get("eve"), "eve-now", "10.00", clock.instant());
		// Ada's 50 points of the year reach silver with her next purchase, for the one after.
		tenant.purchase(shop.members().get("ada"), "ada-now", "10.00", clock.instant());
		Api.Response ada = tenant.purchase(shop.members().get("ada"), "ada-again", "10.00", clock.instant());

		// Eve, lost, bronze: the win-back bonus, not silver's.
		assertThat(eve.number("/effects/0/points")).as(eve.toString()).isEqualTo(10 + 25);
		assertThat(TestTenants.verdict(eve.json().at("/effects/0/explanation"), "Silver bonus").get("reason")
			.asString()).isEqualTo("not in the audience of campaign silver-week: the member's tier bronze is not one"
					+ " of [silver]");
		// Ada, a champion, now silver: the silver bonus, and no win-back bonus.
		assertThat(ada.number("/effects/0/points")).as(ada.toString()).isEqualTo(10 + 7);
		assertThat(TestTenants.verdict(ada.json().at("/effects/0/explanation"), "Come back").get("reason")
			.asString()).isEqualTo("not in the audience of campaign win-back: the member's segment champions is not"
					+ " one of [at_risk, lost]");
		tenant.assertBalanced();
	}

	@Test
	void aRewardMayBeForSomeSegmentsOnly() {
		Shop shop = shop();
		TestTenant tenant = shop.tenant();
		tenant.api().post("/api/v1/segments:compute", "{}");
		Api.Response created = tenant.api().post("/api/v1/programs/points/rewards", """
				{"code": "thank-you", "type": "discount_voucher", "cost": 5, "discount": {"kind": "fixed", "amount": "5.00"},
				 "texts": {"en": {"name": "Thank you"}}, "eligibility": {"segments": ["champions", "loyal"]}}""");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);

		Api.Response ada = tenant.api().post("/api/v1/members/" + shop.members().get("ada") + "/redemptions",
				"{\"reward\": \"thank-you\"}");
		Api.Response bo = tenant.api().post("/api/v1/members/" + shop.members().get("bo") + "/redemptions",
				"{\"reward\": \"thank-you\"}");

		assertThat(ada.status()).as(ada.toString()).isEqualTo(201);
		assertProblem(bo, 422, "/problems/member-not-eligible");
		assertThat(bo.text("/detail")).contains("the member's segment at_risk is not one of [champions, loyal]");
		Api.Response unknown = tenant.api().post("/api/v1/programs/points/rewards", """
				{"code": "vip", "type": "discount_voucher", "cost": 5, "discount": {"kind": "fixed", "amount": "5.00"},
				 "texts": {"en": {"name": "VIP"}}, "eligibility": {"segments": ["vip"]}}""");
		assertThat(fields(unknown)).containsExactly("eligibility.segments");
		tenant.assertBalanced();
	}
}

package io.fidelis.analytics;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * The KPIs through the API on a hand-computed shop (EUR, a point per euro worth 0.01, points expire a month after
 * they are earned). Day n is n days after the first; the period reported is days 31 to 40, the previous one 21 to 30:
 * <pre>
 *   day 0   ada and bo enrol; ada buys 10.00 in paris                        (10 points issued)
 *   day 35  ada's 10 points expire; cy enrols; ada buys 20.00 in paris, cy 50.00 in lyon, a stranger 15.00 in paris;
 *           late from the tills: bo bought 40.00 on day 25, ada 5.00 on day 22, in paris  (115 issued)
 *   day 40  ada buys 30.00 in paris, a stranger 25.00; cy is credited 500 points and spends them on five-off
 *           (530 issued, 500 redeemed)
 * </pre>
 * Period: 1 enrolment of 3 members; active ada and cy, 1 of them twice; previously active ada and bo, ada retained;
 * members 3 purchases for 100.00, strangers 2 for 40.00; 645 points issued, 500 redeemed, 10 expired, 145 held.
 */
@IntegrationTest
class KpiIntegrationTest {

	private static final String FIVE_EUROS = """
			{"code": "five-off", "type": "discount_voucher", "cost": 500, "texts": {"en": {"name": "5 EUR off"}},
			 "discount": {"kind": "fixed", "amount": "5.00"}, "voucher": {"prefix": "FID-", "length": 10}}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	KpiRollupJob job;

	private static void sale(TestTenant tenant, String member, String id, String amount, Instant at, String store) {
		Api.Response sent = tenant.event("""
				{"type": "purchase", "transactionId": "%s", %s"occurredAt": "%s", "amount": "%s", "currency": "EUR",
				 "storeId": "%s"}""".formatted(id, member == null ? "" : "\"member\": {\"id\": \"" + member + "\"}, ",
				at, amount, store));
		assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
	}

	private record Shop(TestTenant tenant, Instant day0, Map<String, String> members) {

		LocalDate day(int n) {
			return LocalDate.ofInstant(day0.plus(Duration.ofDays(n)), ZoneOffset.UTC);
		}

		String period() {
			return "from=" + day(31) + "&to=" + day(40);
		}
	}

	private Shop shop() {
		TestTenant tenant = tenants.create();
		tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}");
		Instant day0 = clock.instant();
		String ada = tenant.enrol("{\"externalId\": \"ada\"}");
		String bo = tenant.enrol("{\"externalId\": \"bo\"}");
		sale(tenant, ada, "ada-0", "10.00", day0, "paris");

		clock.advance(Duration.ofDays(35));
		Instant day35 = clock.instant();
		Api.Response expired = tenant.api().post("/api/v1/programs/points/expiry-runs", "", null);
		assertThat(expired.number("/units")).as(expired.toString()).isEqualTo(10);
		String cy = tenant.enrol("{\"externalId\": \"cy\"}");
		sale(tenant, ada, "ada-35", "20.00", day35, "paris");
		sale(tenant, cy, "cy-35", "50.00", day35, "lyon");
		sale(tenant, null, "anonymous-35", "15.00", day35, "paris");
		sale(tenant, bo, "bo-25", "40.00", day0.plus(Duration.ofDays(25)), "paris");
		sale(tenant, ada, "ada-22", "5.00", day0.plus(Duration.ofDays(22)), "paris");
		assertThat(tenant.api().post("/api/v1/analytics:refresh", "").status()).isEqualTo(200);

		clock.advance(Duration.ofDays(5));
		Instant day40 = clock.instant();
		sale(tenant, ada, "ada-40", "30.00", day40, "paris");
		sale(tenant, null, "anonymous-40", "25.00", day40, "paris");
		assertThat(tenant.adjust(cy, "points", 500, "welcome back").status()).isEqualTo(201);
		Api.Response reward = tenant.api().post("/api/v1/programs/points/rewards", FIVE_EUROS);
		assertThat(reward.status()).as(reward.toString()).isEqualTo(201);
		Api.Response redeemed = tenant.api().post("/api/v1/members/" + cy + "/redemptions", "{\"reward\": \"five-off\"}");
		assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
		return new Shop(tenant, day0, Map.of("ada", ada, "bo", bo, "cy", cy));
	}

	@Test
	void theSummaryComparesThePeriodWithThePreviousOne() {
		Shop shop = shop();
		Api api = shop.tenant().api();
		for (String month : new HashSet<>(List.of(YearMonth.from(shop.day(31)).toString(),
				YearMonth.from(shop.day(40)).toString()))) {
			// A euro a day, whatever the month's length: 10.00 for the period.
			Api.Response cost = api.put("/api/v1/analytics/costs/" + month,
					"{\"amount\": \"%d.00\", \"note\": \"flyers\"}".formatted(YearMonth.parse(month).lengthOfMonth()));
			assertThat(cost.status()).as(cost.toString()).isEqualTo(200);
		}
		Api.Response refreshed = api.post("/api/v1/analytics:refresh", "");
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);

		Api.Response summary = api.get("/api/v1/analytics/summary?" + shop.period());

		assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
		assertThat(summary.text("/previousFrom")).isEqualTo(shop.day(21).toString());
		assertThat(summary.text("/previousTo")).isEqualTo(shop.day(30).toString());
		assertThat(summary.text("/currency")).isEqualTo("EUR");
		JsonNode current = summary.json().get("current");
		assertThat(current.get("enrolments").asLong()).isEqualTo(1);
		assertThat(current.get("activeMembers").asLong()).isEqualTo(2);
		assertThat(current.get("retentionRate").decimalValue()).isEqualByComparingTo("0.5");
		assertThat(current.get("repeatPurchaseRate").decimalValue()).isEqualByComparingTo("0.5");
		assertThat(current.get("purchaseFrequency").decimalValue()).isEqualByComparingTo("1.5");
		assertThat(current.get("memberAverageOrderValue").decimalValue()).isEqualByComparingTo("33.33");
		assertThat(current.get("nonMemberAverageOrderValue").decimalValue()).isEqualByComparingTo("20.00");
		// 155.00 spent by 3 members; 33.33 × 1.5 × 36.5 purchases a year, a year's retention 0.5^36.5: a year.
		assertThat(current.get("historicLifetimeValue").decimalValue()).isEqualByComparingTo("51.67");
		assertThat(current.get("projectedLifetimeValue").decimalValue()).isEqualByComparingTo("1825.00");
		assertThat(current.get("acquisitionCost").decimalValue()).isEqualByComparingTo("10.00");
		assertThat(current.get("unitsIssued").asLong()).isEqualTo(645);
		assertThat(current.get("unitsRedeemed").asLong()).isEqualTo(500);
		assertThat(current.get("unitsExpired").asLong()).isEqualTo(10);
		assertThat(current.get("redemptionRate").decimalValue()).isEqualByComparingTo("0.7752");
		assertThat(current.get("breakageRate").decimalValue()).isEqualByComparingTo("0.0155");
		// 10 of the 510 units settled expired: 145 × 0.01 × (1 - 0.0196) = 1.42.
		assertThat(current.get("expectedBreakageRate").decimalValue()).isEqualByComparingTo("0.0196");
		assertThat(current.get("outstandingUnits").asLong()).isEqualTo(145);
		assertThat(current.get("liability").decimalValue()).isEqualByComparingTo("1.42");
		assertThat(current.get("programCost").decimalValue()).isEqualByComparingTo("15.00");
		// 3 × (33.33 - 20.00) = 40.00; (40.00 - 15.00) / 15.00.
		assertThat(current.get("incrementalRevenue").decimalValue()).isEqualByComparingTo("40.00");
		assertThat(current.get("returnOnInvestment").decimalValue()).isEqualByComparingTo("1.6667");
		assertThat(shop.tenant().available(shop.members().get("ada")) + shop.tenant().available(shop.members().get("bo"))
				+ shop.tenant().available(shop.members().get("cy"))).as("the ledger agrees").isEqualTo(145);

		JsonNode previous = summary.json().get("previous");
		assertThat(previous.get("activeMembers").asLong()).isEqualTo(2);
		assertThat(previous.get("enrolments").asLong()).isZero();
		assertThat(previous.get("retentionRate").isNull()).as("nobody bought on days 11 to 20").isTrue();
		assertThat(previous.get("memberAverageOrderValue").decimalValue()).isEqualByComparingTo("22.50");
		assertThat(summary.json().at("/change/activeMembers").decimalValue()).isEqualByComparingTo("0");
		assertThat(summary.json().at("/change/memberAverageOrderValue").decimalValue()).isEqualByComparingTo("0.4813");
		assertThat(summary.json().at("/change/retentionRate").isNull()).isTrue();
		assertThat(summary.text("/lifetimeValueModel")).contains("1 ÷ (1 − yearly retention)");
		assertThat(summary.text("/roiMethod")).contains("non-member average order value");
	}

	@Test
	void aStoreNarrowsSalesAndMembersFigures() {
		Shop shop = shop();
		Api api = shop.tenant().api();
		api.post("/api/v1/analytics:refresh", "");

		JsonNode lyon = api.get("/api/v1/analytics/summary?" + shop.period() + "&store=lyon").json().get("current");

		assertThat(lyon.get("activeMembers").asLong()).isEqualTo(1);
		assertThat(lyon.get("memberAverageOrderValue").decimalValue()).isEqualByComparingTo("50.00");
		assertThat(lyon.get("nonMemberAverageOrderValue").isNull()).as("no stranger bought in lyon").isTrue();
		assertThat(lyon.get("unitsIssued").asLong()).as("the ledger has no store").isEqualTo(645);
		assertProblem(api.get("/api/v1/analytics/summary?store=nice"), 404, "/problems/store-not-found");
		assertProblem(api.get("/api/v1/analytics/series?store=nice"), 404, "/problems/store-not-found");
	}

	@Test
	void figuresFollowTheLastRefreshNotEachSale() {
		Shop shop = shop();
		Api api = shop.tenant().api();
		api.post("/api/v1/analytics:refresh", "");
		String summary = "/api/v1/analytics/summary?" + shop.period();
		JsonNode before = api.get(summary).json().get("current");

		// A till sends bo's purchase of day 33 late: nothing changes until a refresh, which changes that day only.
		sale(shop.tenant(), shop.members().get("bo"), "bo-33", "60.00", shop.day0().plus(Duration.ofDays(33)), "paris");
		assertThat(api.get(summary).json().get("current")).isEqualTo(before);
		Api.Response refreshed = api.post("/api/v1/analytics:refresh", "");
		JsonNode after = api.get(summary).json().get("current");

		assertThat(refreshed.number("/days")).as(refreshed.toString()).isPositive();
		assertThat(after.get("activeMembers").asLong()).isEqualTo(3);
		assertThat(after.get("retentionRate").decimalValue()).isEqualByComparingTo("1");
		assertThat(after.get("unitsIssued").asLong()).isEqualTo(705);
		api.post("/api/v1/analytics:refresh", "");
		assertThat(api.get(summary).json().get("current")).as("a refresh repeated changes nothing").isEqualTo(after);
		assertThat(job.run(clock.instant())).matches("rolled up \\d+ tenants with new rows of \\d+: \\d+ days re-aggregated");
		assertThat(api.get(summary).json().get("current")).as("nor does the job").isEqualTo(after);
	}

	@Test
	void theJobRollsUpWithoutARequest() {
		Shop shop = shop();
		clock.advance(Duration.ofMinutes(KpiRollups.OVERLAP_MINUTES + 1));

		assertThat(job.run(clock.instant()))
			.matches("rolled up [1-9]\\d* tenants with new rows of \\d+: [1-9]\\d* days re-aggregated");
		JsonNode current = shop.tenant().api().get("/api/v1/analytics/summary?" + shop.period()).json().get("current");
		assertThat(current.get("unitsRedeemed").asLong()).isEqualTo(500);
		assertThat(job.run(clock.instant())).as("nothing new: only the days of the last minutes again")
			.startsWith("rolled up 0 tenants");
	}

	@Test
	void seriesGiveTheChartsPerDayAndPerMonth() {
		Shop shop = shop();
		Api api = shop.tenant().api();
		api.post("/api/v1/analytics:refresh", "");

		Api.Response daily = api.get("/api/v1/analytics/series?" + shop.period());

		assertThat(daily.status()).as(daily.toString()).isEqualTo(200);
		JsonNode members = daily.json().get("members");
		assertThat(members).hasSize(10);
		assertThat(members.get(4).get("start").asString()).isEqualTo(shop.day(35).toString());
		assertThat(members.get(4).get("enrolled").asLong()).isEqualTo(1);
		assertThat(members.get(4).get("active").asLong()).isEqualTo(2);
		assertThat(members.get(9).get("active").asLong()).isEqualTo(1);
		JsonNode units = daily.json().get("units");
		assertThat(units.get(0).get("outstandingUnits").asLong()).as("day 31: the 10 of day 0").isEqualTo(10);
		assertThat(units.get(4).get("issued").asLong()).isEqualTo(115);
		assertThat(units.get(4).get("expired").asLong()).isEqualTo(10);
		assertThat(units.get(4).get("outstandingUnits").asLong()).isEqualTo(115);
		assertThat(units.get(9).get("issued").asLong()).isEqualTo(530);
		assertThat(units.get(9).get("redeemed").asLong()).isEqualTo(500);
		assertThat(units.get(9).get("outstandingUnits").asLong()).isEqualTo(145);
		assertThat(units.get(9).get("liability").decimalValue()).isEqualByComparingTo("1.42");
		assertThat(daily.json().at("/topRewards/0/code").asString()).isEqualTo("five-off");
		assertThat(daily.json().at("/topRewards/0/redeemed").asLong()).isEqualTo(1);
		assertThat(daily.json().at("/topRewards/0/units").asLong()).isEqualTo(500);
		assertThat(daily.json().get("tiers")).as("no tier ladder").isEmpty();

		Api.Response monthly = api.get("/api/v1/analytics/series?interval=month&from=" + shop.day(0) + "&to="
				+ shop.day(40));
		assertThat(monthly.status()).as(monthly.toString()).isEqualTo(200);
		long enrolled = 0;
		long issued = 0;
		for (JsonNode month : monthly.json().get("members")) {
			enrolled += month.get("enrolled").asLong();
		}
		JsonNode months = monthly.json().get("units");
		for (JsonNode month : months) {
			issued += month.get("issued").asLong();
		}
		assertThat(enrolled).isEqualTo(3);
		assertThat(issued).isEqualTo(655);
		assertThat(months.get(months.size() - 1).get("outstandingUnits").asLong()).isEqualTo(145);
	}

	@Test
	void cohortsShowTheShareOfEachEnrolmentMonthBuyingInEachMonthSince() {
		Shop shop = shop();
		Api api = shop.tenant().api();
		api.post("/api/v1/analytics:refresh", "");
		YearMonth first = YearMonth.from(shop.day(0));
		YearMonth last = YearMonth.from(shop.day(40));
		// Who of ada and bo bought in which month, from the story above.
		Map<YearMonth, Set<String>> buyers = new TreeMap<>();
		Map<String, int[]> days = Map.of("ada", new int[] { 0, 22, 35, 40 }, "bo", new int[] { 25 });
		days.forEach((name, list) -> {
			for (int day : list) {
				buyers.computeIfAbsent(YearMonth.from(shop.day(day)), month -> new HashSet<>()).add(name);
			}
		});

		Api.Response cohorts = api.get("/api/v1/analytics/cohorts?from=" + first + "&to=" + last);

		assertThat(cohorts.status()).as(cohorts.toString()).isEqualTo(200);
		JsonNode oldest = cohorts.json().at("/cohorts/0");
		assertThat(oldest.get("month").asString()).isEqualTo(first.toString());
		assertThat(oldest.get("members").asLong()).as("ada and bo").isEqualTo(2);
		int since = 0;
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1), since++) {
			long active = buyers.getOrDefault(month, Set.of()).size();
			assertThat(oldest.get("active").get(since).asLong()).as(month.toString()).isEqualTo(active);
			assertThat(oldest.get("retention").get(since).decimalValue()).as(month.toString())
				.isEqualByComparingTo(BigDecimal.valueOf(active).divide(BigDecimal.valueOf(2)));
		}
		// Day 0 and day 35 are in different months: cy's cohort is cy alone, who bought in their first month.
		JsonNode cys = cohorts.json().at("/cohorts/" + first.until(YearMonth.from(shop.day(35)), ChronoUnit.MONTHS));
		assertThat(cys.get("month").asString()).isEqualTo(YearMonth.from(shop.day(35)).toString());
		assertThat(cys.get("members").asLong()).isEqualTo(1);
		assertThat(cys.at("/retention/0").decimalValue()).isEqualByComparingTo("1");
		JsonNode lyon = api.get("/api/v1/analytics/cohorts?from=" + first + "&to=" + last + "&store=lyon").json();
		assertThat(lyon.at("/cohorts/0/active")).isNotEmpty();
		for (JsonNode count : lyon.at("/cohorts/0/active")) {
			assertThat(count.asLong()).as("ada and bo never bought in lyon").isZero();
		}
	}

	@Test
	void costsAreEnteredPerMonthAndReplaced() {
		TestTenant tenant = tenants.create();
		Api api = tenant.api();

		assertThat(api.put("/api/v1/analytics/costs/2026-01", "{\"amount\": \"1200.00\"}").status()).isEqualTo(200);
		Api.Response replaced = api.put("/api/v1/analytics/costs/2026-01", "{\"amount\": \"1250.50\", \"note\": \"ads\"}");
		assertThat(api.put("/api/v1/analytics/costs/2026-03", "{\"amount\": 300}").status()).isEqualTo(200);
		Api.Response list = api.get("/api/v1/analytics/costs?from=2026-01&to=2026-12");

		assertThat(replaced.text("/amount")).isEqualTo("1250.50");
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().findValuesAsString("month")).containsExactly("2026-01", "2026-03");
		assertThat(list.json().get(0).get("amount").asString()).isEqualTo("1250.50");
		assertThat(list.json().get(0).get("note").asString()).isEqualTo("ads");
		assertThat(list.json().get(0).get("currency").asString()).isEqualTo("EUR");
		assertThat(list.json().get(1).get("amount").asString()).isEqualTo("300.00");
		assertThat(tenants.create().api().get("/api/v1/analytics/costs?from=2026-01&to=2026-12").json())
			.as("another tenant's")
			.isEmpty();
	}

	@Test
	void badInputIsAProblemNeverAFailure() {
		Api api = tenants.create().api();

		assertThat(fields(api.get("/api/v1/analytics/summary?from=2026-02-01&to=2026-01-01"))).containsExactly("from");
		assertProblem(api.get("/api/v1/analytics/summary?from=yesterday"), 400, "/problems/invalid-request");
		assertProblem(api.get("/api/v1/analytics/summary?to=2026-02-30"), 400, "/problems/invalid-request");
		assertThat(fields(api.get("/api/v1/analytics/summary?from=2024-01-01&to=2026-01-01"))).containsExactly("from");
		assertThat(fields(api.get("/api/v1/analytics/summary?from=-999999999-01-01&to=-999999999-01-05")))
			.containsExactly("to");
		assertThat(fields(api.get("/api/v1/analytics/series?from=%2B999999999-12-01&to=%2B999999999-12-31")))
			.containsExactly("to");
		assertThat(fields(api.get("/api/v1/analytics/cohorts?to=%2B999999999-12"))).containsExactly("to");
		assertThat(fields(api.put("/api/v1/analytics/costs/0001-01", "{\"amount\": \"1.00\"}"))).containsExactly("month");
		assertProblem(api.get("/api/v1/analytics/summary?program=nope"), 404, "/problems/program-not-found");
		assertThat(fields(api.get("/api/v1/analytics/summary?store=" + "s".repeat(65)))).containsExactly("store");
		assertThat(fields(api.get("/api/v1/analytics/series?interval=week"))).containsExactly("interval");
		assertThat(fields(api.get("/api/v1/analytics/series?from=2025-01-01&to=2026-06-01"))).containsExactly("from");
		assertThat(api.get("/api/v1/analytics/series?interval=month&from=2025-01-01&to=2026-06-01").status())
			.isEqualTo(200);
		assertThat(fields(api.get("/api/v1/analytics/cohorts?from=2026-13"))).containsExactly("from");
		assertThat(fields(api.get("/api/v1/analytics/cohorts?from=2020-01&to=2026-01"))).containsExactly("from");
		assertThat(fields(api.get("/api/v1/analytics/cohorts?from=2026-03&to=2026-01"))).containsExactly("from");
		assertThat(fields(api.put("/api/v1/analytics/costs/2026-1", "{\"amount\": \"1.00\"}"))).containsExactly("month");
		assertThat(fields(api.put("/api/v1/analytics/costs/2026-01", "{\"amount\": \"-1.00\"}")))
			.containsExactly("amount");
		assertThat(fields(api.put("/api/v1/analytics/costs/2026-01", "{\"amount\": \"1.001\"}")))
			.containsExactly("amount");
		assertThat(fields(api.put("/api/v1/analytics/costs/2026-01", "{}"))).containsExactly("amount");
		assertProblem(api.put("/api/v1/analytics/costs/2026-01?program=nope", "{\"amount\": \"1.00\"}"), 404,
				"/problems/program-not-found");
		assertProblem(tenants.anonymous().get("/api/v1/analytics/summary"), 401, "/problems/unauthenticated");
	}

	@Test
	void aTenantWithoutSalesHasFiguresWithoutDenominators() {
		Api api = tenants.create().api();
		api.post("/api/v1/analytics:refresh", "");

		Api.Response summary = api.get("/api/v1/analytics/summary");

		assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
		assertThat(summary.json().at("/current/activeMembers").asLong()).isZero();
		assertThat(summary.json().at("/current/retentionRate").isNull()).isTrue();
		assertThat(summary.json().at("/current/liability").decimalValue()).isEqualByComparingTo("0");
		assertThat(summary.text("/to")).isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
	}
}

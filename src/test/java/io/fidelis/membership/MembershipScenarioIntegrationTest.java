package io.fidelis.membership;

import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Problems;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Memberships as scripts, in a points program earning 1 point per euro. The plan vip costs 9.99 EUR a month, starts
 * with a 14-day trial, waits 10 days for a late renewal and earns three times; the ladder is bronze (0), silver
 * (100) and gold (500, earns twice).
 */
@IntegrationTest
@Import(MembershipChangesHeard.class)
class MembershipScenarioIntegrationTest {

	static final String VIP = """
			plan {"code": "vip", "names": {"fr": "VIP", "en": "VIP"}, "price": "9.99", "currency": "EUR",
			 "term": "monthly", "trialDays": 14, "graceDays": 10, "earnMultiplier": 3,
			 "perks": {"fr": ["Livraison offerte"], "en": ["Free delivery"]}}""".replace("\n", "");

	static final String LADDER = """
			tiers {"metric": "points_earned", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
			 "graceDays": 0, "review": {"type": "anniversary"}, "tiers": [
			 {"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
			 {"code": "silver", "names": {"fr": "Argent", "en": "Silver"}, "threshold": 100},
			 {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 500, "earnMultiplier": 2}]}"""
		.replace("\n", "");

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	MembershipTermJob terms;

	@Autowired
	MembershipChangesHeard heard;

	private MembershipScript script(TestTenant tenant) {
		return new MembershipScript(tenant, clock, terms, heard);
	}

	private void script(String script) {
		script(tenants.create()).run(script);
	}

	@Test
	void livesThroughTrialActiveRenewalPastDueAndExpiry() {
		// The first paid term ends 14 days plus a month (28 to 31 days) after the start: day 42 to 45; the renewal
		// adds a month: day 70 to 76, and the grace period ends 10 days later: day 80 to 86.
		script(VIP + """

				start A vip pay-1 9.99
				expect A status trial
				tick 14
				terms
				expect A status active
				tick 6
				renew A pay-2 9.99
				expect A status active
				tick 58
				terms
				expect A status past_due
				tick 12
				terms
				expect A status expired
				expect A history started activated renewed past_due lapsed
				expect A events started activated renewed past_due lapsed
				""");
	}

	@Test
	void aLateRenewalWithinTheGracePeriodMakesItActiveAgain() {
		script(VIP + """

				start A vip pay-1 9.99
				tick 50
				terms
				expect A status past_due
				renew A pay-2 9.99
				expect A status active
				expect A history started activated past_due renewed
				""");
	}

	@Test
	void catchesUpEveryChangeMissedWhileTheJobDidNotRunOnce() {
		script(VIP + """

				start A vip pay-1 9.99
				tick 100
				terms
				expect A status expired
				expect A history started activated past_due lapsed
				terms
				expect A history started activated past_due lapsed
				expect A events started activated past_due lapsed
				""");
	}

	@Test
	void aPlanThatDoesNotRenewExpiresAtItsTermsEnd() {
		script("""
				plan {"code": "pass", "names": {"fr": "Pass", "en": "Pass"}, "price": "20", "currency": "EUR", "term": "days", "termDays": 30}
				start A pass pay-1 20.00
				expect A status active
				tick 30
				terms
				expect A status expired
				expect A history started lapsed
				""");
	}

	@Test
	void cancelledAtTermEndStaysActiveUntilThen() {
		script(VIP.replace("\"trialDays\": 14", "\"trialDays\": 0") + """

				start A vip pay-1 9.99
				tick 3
				cancel A at_term_end
				expect A status active
				tick 10
				terms
				expect A status active
				tick 25
				terms
				expect A status cancelled
				expect A history started cancellation_scheduled cancelled
				expect A events started cancelled
				""");
	}

	@Test
	void cancelledAtOnceEndsNowWithAProRataNoteAndTakesNoMoreRenewals() {
		TestTenant tenant = tenants.create();
		MembershipScript script = script(tenant);
		script.run(VIP.replace("\"trialDays\": 14", "\"trialDays\": 0") + """

				start A vip pay-1 9.99
				tick 10
				cancel A now
				expect A status cancelled
				expect A history started cancelled
				expect A events started cancelled
				""");
		JsonNode cancelled = script.membershipJson("A", "cancelled").path("history").path(1);
		assertThat(cancelled.path("note").asString()).as(cancelled.toString())
			.contains("pro rata:")
			.containsPattern("(18|19|20|21) of (28|29|30|31) days of the paid term unused");

		Problems.assertProblem(tenant.api().post("/api/v1/memberships/" + script.membership("A") + "/renewals",
				"{\"paymentReference\": \"pay-2\", \"amount\": \"9.99\", \"currency\": \"EUR\"}"), 409,
				"/problems/membership-ended");
		// The member may start the plan again: the cancelled membership no longer holds it.
		script.run("""
				start A vip pay-3 9.99
				expect A status active
				""");
	}

	@Test
	void thePaymentReportedTwiceStartsAndRenewsOnce() {
		TestTenant tenant = tenants.create();
		MembershipScript script = script(tenant);
		script.run(VIP + "\nstart A vip pay-1 9.99\nrenew A pay-2 9.99");
		String member = script.member("A");
		String membership = script.membership("A");
		String termEnd = script.membershipJson("A", "renewed").path("termEnd").asString();

		Api.Response startAgain = tenant.api().post("/api/v1/members/" + member + "/memberships",
				"{\"plan\": \"vip\", \"paymentReference\": \"pay-1\", \"amount\": \"9.99\", \"currency\": \"EUR\"}",
				null);
		Api.Response renewAgain = tenant.api().post("/api/v1/memberships/" + membership + "/renewals",
				"{\"paymentReference\": \"pay-2\", \"amount\": \"9.99\", \"currency\": \"EUR\"}", null);
		Api.Response renewAgainWithAKey = tenant.api().post("/api/v1/memberships/" + membership + "/renewals",
				"{\"paymentReference\": \"pay-2\", \"amount\": \"9.99\", \"currency\": \"EUR\"}");

		assertThat(startAgain.status()).as(startAgain.toString()).isEqualTo(201);
		assertThat(startAgain.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(startAgain.text("/id")).isEqualTo(membership);
		assertThat(renewAgain.status()).as(renewAgain.toString()).isEqualTo(200);
		assertThat(renewAgain.header("Idempotent-Replayed")).isEqualTo("true");
		Problems.assertProblem(renewAgainWithAKey, 409, "/problems/payment-already-reported");
		assertThat(script.membershipJson("A", "after").path("termEnd").asString()).isEqualTo(termEnd);
		script.run("expect A history started renewed\nexpect A events started renewed");
	}

	@Test
	void aMembershipsMultiplierIsAppliedToAnEarnWhileItIsActiveAndExplained() {
		TestTenant tenant = tenants.create();
		MembershipScript script = script(tenant);
		script.run(VIP + """

				start A vip pay-1 9.99
				buy A 49.00
				expect A points 147
				""");
		Api.Response earned = tenant.purchase(script.member("A"), "sale-vip", "10.00", clock.instant());
		assertThat(earned.number("/effects/0/points")).as(earned.toString()).isEqualTo(30);
		assertThat(verdict(earned.json().path("effects").path(0).path("explanation"), "VIP membership multiplier")
			.path("computation")
			.asString()).isEqualTo("3 × 10 points = 30");

		script.run("""
				cancel A now
				buy A 49.00
				expect A points 226
				""");
	}

	@Test
	void aGrantedTierHoldsWhileTheMembershipIsActiveAndTheLargerMultiplierApplies() {
		TestTenant tenant = tenants.create();
		MembershipScript script = script(tenant);
		script.run(LADDER + "\n" + VIP.replace("\"earnMultiplier\": 3", "\"earnMultiplier\": 1.5, \"tier\": \"gold\"")
				+ """

						buy A 10.00
						expect A tier bronze
						start A vip pay-1 9.99
						expect A tier gold
						""");
		Api.Response status = tenant.api().get("/api/v1/members/" + script.member("A") + "/tier?program=points");
		assertThat(status.text("/grantedBy")).isEqualTo("membership vip");

		Api.Response earned = tenant.purchase(script.member("A"), "sale-both", "10.00", clock.instant());
		JsonNode explanation = earned.json().path("effects").path(0).path("explanation");
		assertThat(earned.number("/effects/0/points")).as(earned.toString()).isEqualTo(20);
		assertThat(verdict(explanation, "Gold tier multiplier").path("computation").asString())
			.isEqualTo("2 × 10 points = 20");
		assertThat(verdict(explanation, "VIP membership multiplier").path("fired").asBoolean()).isFalse();

		// The trial (14 days) and the month of the first term pass without a renewal: past due, the tier goes.
		script.run("""
				tick 50
				expect A tier bronze
				terms
				expect A status past_due
				expect A tier bronze
				""");
	}
}

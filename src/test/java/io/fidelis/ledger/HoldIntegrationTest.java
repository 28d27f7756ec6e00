package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Problems;
import io.fidelis.support.TestTenants;

/** Checkout holds: set aside, captured or released once, expired by the job, never spent twice. */
@IntegrationTest
class HoldIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	HoldExpiryJob holdExpiry;

	private void script(String script) {
		new LedgerScript(tenants.create().api(), clock).with("expire-holds", () -> holdExpiry.run(clock.instant()))
			.run(script);
	}

	@Test
	void capturingPartOfAHoldSpendsThatPartAndGivesBackTheRest() {
		script("""
				earn A 100.00
				hold A 30 as h1
				expect A available 70
				expect A held 30
				hold A 71 fails insufficient-points
				capture h1 20
				expect A available 80
				expect A held 0
				capture h1 fails hold-resolved
				release h1 fails hold-resolved
				expect balanced
				""");
	}

	@Test
	void releasingGivesEverythingBackAndCapturingMoreThanHeldIsRefused() {
		script("""
				earn A 100.00
				hold A 60 as h1
				capture h1 61 fails capture-exceeds-hold
				expect A held 60
				release h1
				expect A available 100
				expect A held 0
				capture h1 fails hold-resolved
				hold A 100 as h2
				capture h2
				expect A available 0
				expect balanced
				""");
	}

	@Test
	void aHoldNobodyResolvesIsGivenBackWhenItsTimeoutEnds() {
		script("""
				earn A 100.00
				hold A 40 as h1
				tick 59 seconds
				expire-holds
				expect A held 40
				tick 2 seconds
				capture h1 fails hold-expired
				expect A held 40
				expire-holds
				expect A held 0
				expect A available 100
				release h1 fails hold-resolved
				expire-holds
				expect A available 100
				expect balanced
				""");
	}

	@Test
	void heldUnitsComeBackWithTheirExpiry() {
		script("""
				program expiry=months_after_earning:1
				earn A 50.00
				hold A 50 as h1
				tick 40
				expire
				expect A held 50
				expire-holds
				expect A available 50
				# that day's expiry run is over: the next day's run takes them
				tick 1
				expire
				expect A available 0
				expect balanced
				""");
	}

	@Test
	void aHoldIsResolvedOnceWhenTillsRaceToCaptureAndRelease() throws Exception {
		TestTenants.TestTenant tenant = tenants.create();
		String member = tenant.memberWith(100);
		Api api = tenant.api();
		String hold = api.post("/api/v1/members/" + member + "/holds", """
				{"program": "points", "points": 100}""").text("/id");

		List<Api.Response> answers = AtOnce.send(20, i -> api.post("/api/v1/holds/" + hold
				+ (i % 2 == 0 ? "/capture" : "/release"), null));

		Problems.assertRaceWon(answers, 200, 1, 409, "/problems/hold-resolved");
		long available = tenant.available(member);
		assertThat(available).isIn(0L, 100L);
		tenant.assertBalanced();
	}

	@Test
	void parallelHoldsNeverSetAsideMoreThanTheBalance() throws Exception {
		TestTenants.TestTenant tenant = tenants.create();
		String member = tenant.memberWith(95);
		Api api = tenant.api();

		List<Api.Response> answers = AtOnce.send(20, i -> api.post("/api/v1/members/" + member + "/holds", """
				{"program": "points", "points": 10}"""));

		Problems.assertRaceWon(answers, 201, 9, 422, "/problems/insufficient-points");
		assertThat(tenant.available(member)).isEqualTo(5);
		tenant.assertBalanced();
	}

	@Test
	void refusesBadHoldRequests() {
		TestTenants.TestTenant tenant = tenants.create();
		String member = tenant.memberWith(0);
		Api api = tenant.api();
		Problems.assertProblem(api.post("/api/v1/members/" + member + "/holds", """
				{"program": "points", "points": 0}"""), 400, "/problems/invalid-request");
		Problems.assertProblem(api.post("/api/v1/members/" + member + "/holds", """
				{"program": "points", "points": 10, "timeoutSeconds": 5}"""), 400, "/problems/invalid-request");
		Problems.assertProblem(api.post("/api/v1/members/" + member + "/holds", """
				{"program": "nope", "points": 10}"""), 404, "/problems/program-not-found");
		Problems.assertProblem(api.post("/api/v1/members/" + member + "/holds", """
				{"program": "points", "points": 10}"""), 422, "/problems/insufficient-points");
		Problems.assertProblem(api.post("/api/v1/holds/0193a8c0-0000-7000-8000-000000000000/capture", null), 404,
				"/problems/hold-not-found");
		Problems.assertProblem(api.get("/api/v1/holds/0193a8c0-0000-7000-8000-000000000000"), 404,
				"/problems/hold-not-found");
		tenant.assertBalanced();
	}

	@Test
	void anotherTenantCannotSeeOrTouchAHold() {
		TestTenants.TestTenant owner = tenants.create();
		String member = owner.memberWith(50);
		String hold = owner.api().post("/api/v1/members/" + member + "/holds", """
				{"program": "points", "points": 50}""").text("/id");
		Api stranger = tenants.create().api();
		Problems.assertProblem(stranger.get("/api/v1/holds/" + hold), 404, "/problems/hold-not-found");
		Problems.assertProblem(stranger.post("/api/v1/holds/" + hold + "/release", null), 404,
				"/problems/hold-not-found");
		assertThat(owner.api().get("/api/v1/holds/" + hold).text("/status")).isEqualTo("pending");
	}
}

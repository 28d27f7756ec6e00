package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Screens;
import io.fidelis.support.Screens.Page;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;

/** The dashboard and the audience page read the analytics roll-ups, for the roles that may see them. */
@IntegrationTest
class DashboardScreensIntegrationTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	MutableClock clock;

	TestTenant tenant;

	@BeforeEach
	void tenant() {
		tenant = tenants.create();
	}

	Screens as(Role role) {
		String email = role.code() + "-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, "Op", role, PASSWORD);
		return Screens.loggedIn(tenants.base(), email, PASSWORD);
	}

	@Test
	void showsThePeriodsFiguresOnceTheRollUpsAreRefreshed() {
		String member = tenant.enrol("{}");
		tenant.purchase(member, "t-" + UUID.randomUUID(), "42.00", clock.instant());
		Api.Response refreshed = tenant.api().post("/api/v1/analytics:refresh", "", null);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);

		Page dashboard = as(Role.ANALYST).get("/admin?days=7");

		assertThat(dashboard.status()).isEqualTo(200);
		assertThat(dashboard.body()).contains("id=\"kpi-enrolments\"").contains("id=\"chart-members\"")
			.contains("\"enrolled\":1");
	}

	@Test
	void refusesAPeriodItDoesNotOffer() {
		Screens analyst = as(Role.ANALYST);

		Page refused = analyst.get("/admin?days=13");

		assertThat(refused.status()).isEqualTo(302);
		assertThat(analyst.get(refused.location()).body()).contains("days");
	}

	@Test
	void showsTheNpsSegmentsLapsedMembersAndCohortsToAMarketer() {
		String member = tenant.enrol("{}");
		tenant.event("""
				{"type": "survey", "transactionId": "s-%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "attributes": {"score": 10}}""".formatted(UUID.randomUUID(), member, clock.instant()));

		Page audience = as(Role.MARKETER).get("/admin/dashboard/audience");

		assertThat(audience.status()).isEqualTo(200);
		assertThat(audience.body()).contains("1 answers: 1 promoters").contains("id=\"cohorts\"")
			.contains("Champions");
	}

	@Test
	void keepsACashierAwayFromTheFigures() {
		Screens cashier = as(Role.CASHIER);

		assertThat(cashier.get("/admin").status()).isEqualTo(403);
		assertThat(cashier.get("/admin/dashboard/audience").status()).isEqualTo(403);
	}

	@Test
	void letsAManagerEnterAMonthsCostAndAnAnalystOnlyReadIt() {
		Screens manager = as(Role.MANAGER);
		Screens analyst = as(Role.ANALYST);
		String month = java.time.YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC)).toString();
		manager.get("/admin/dashboard/costs");

		Page entered = manager.post("/admin/dashboard/costs", "program", "points", "month", month, "amount", "1200,50",
				"note", "Printed cards");
		analyst.get("/admin/dashboard/costs");
		Page refused = analyst.post("/admin/dashboard/costs", "program", "points", "month", month, "amount", "1",
				"note", "nope");

		assertThat(entered.status()).isEqualTo(302);
		assertThat(refused.status()).isEqualTo(403);
		Page list = analyst.get("/admin/dashboard/costs");
		assertThat(list.body()).contains("1200.50").contains("Printed cards").doesNotContain("id=\"enter-cost\"");
		assertThat(tenant.api().get("/api/v1/analytics/costs").json().get(0).get("amount").asString())
			.isEqualTo("1200.50");
	}
}

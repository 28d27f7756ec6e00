package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.support.Screens;
import io.fidelis.support.Screens.Page;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;

/** The back-office's guards: log-in, CSRF, what each role may open and change, escaping, cookies and headers. */
@IntegrationTest
class BackOfficeSecurityIntegrationTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	JdbcClient jdbc;

	TestTenant tenant;

	@BeforeEach
	void tenant() {
		tenant = tenants.create();
	}

	String operator(Role role) {
		String email = role.code() + "-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, "Op " + role.code(), role, PASSWORD);
		return email;
	}

	Screens as(Role role) {
		return Screens.loggedIn(tenants.base(), operator(role), PASSWORD);
	}

	@Test
	void sendsAnUnknownVisitorToTheLogInPage() {
		Page page = new Screens(tenants.base()).get("/admin/members");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.location()).endsWith("/login");
	}

	@Test
	void refusesALogInWithoutTheFormsCsrfToken() {
		String email = operator(Role.MANAGER);
		Screens forger = new Screens(tenants.base());

		Page answer = forger.postWithToken("/login", null, "email", email, "password", PASSWORD);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(forger.get("/admin").status()).isEqualTo(302);
	}

	@Test
	void refusesAChangeWithoutTheCsrfTokenAndWritesNothing() {
		Screens manager = as(Role.MANAGER);
		String member = tenant.enrol("{}");

		Page forged = manager.postWithToken("/admin/members/" + member + "/adjustments", null, "program", "points",
				"points", "500", "reason", "forged", "requestKey", UUID.randomUUID().toString());
		Page wrongToken = manager.postWithToken("/admin/members/" + member + "/adjustments", "not-the-token",
				"program", "points", "points", "500", "reason", "forged", "requestKey", UUID.randomUUID().toString());

		assertThat(forged.status()).isEqualTo(403);
		assertThat(wrongToken.status()).isEqualTo(403);
		assertThat(tenant.available(member)).isZero();
	}

	@Test
	void logsInWithTheRightPasswordOnly() {
		String email = operator(Role.ANALYST);

		Page wrong = new Screens(tenants.base()).logIn(email, "not the password");
		Page right = new Screens(tenants.base()).logIn(email, PASSWORD);

		assertThat(wrong.location()).endsWith("/login?error");
		assertThat(right.location()).endsWith("/admin");
	}

	@Test
	void sendsACashierToTheCashierPageAndKeepsThemOutOfTheBackOffice() {
		Screens cashier = new Screens(tenants.base());
		Page loggedIn = cashier.logIn(operator(Role.CASHIER), PASSWORD);

		assertThat(loggedIn.location()).endsWith("/pos");
		for (String page : new String[] { "/admin", "/admin/members", "/admin/audit", "/admin/operators",
				"/admin/account" }) {
			assertThat(cashier.get(page).status()).as(page).isEqualTo(403);
		}
	}

	@Test
	void letsAnAnalystReadMembersButNotAdjustPoints() {
		Screens analyst = as(Role.ANALYST);
		String member = tenant.enrol("{}");

		Page profile = analyst.get("/admin/members/" + member);
		Page adjusted = analyst.post("/admin/members/" + member + "/adjustments", "program", "points", "points",
				"500", "reason", "nice try", "requestKey", UUID.randomUUID().toString());

		assertThat(profile.status()).isEqualTo(200);
		assertThat(profile.body()).doesNotContain("id=\"adjust\"");
		assertThat(adjusted.status()).isEqualTo(403);
		assertThat(tenant.available(member)).isZero();
		assertThat(analyst.get("/admin/operators").status()).isEqualTo(403);
	}

	@Test
	void letsAMarketerSeeMembersButNotTheAuditLogNorOperators() {
		Screens marketer = as(Role.MARKETER);

		assertThat(marketer.get("/admin/members").status()).isEqualTo(200);
		assertThat(marketer.get("/admin/audit").status()).isEqualTo(403);
		assertThat(marketer.get("/admin/operators").status()).isEqualTo(403);
	}

	@Test
	void letsOnlyAnOwnerManageOperators() {
		Screens manager = as(Role.MANAGER);
		Screens owner = as(Role.OWNER);

		Page byManager = manager.post("/admin/operators", "email", "new-" + UUID.randomUUID() + "@example.com",
				"role", "owner", "password", PASSWORD);
		Page list = owner.get("/admin/operators");

		assertThat(byManager.status()).isEqualTo(403);
		assertThat(list.status()).isEqualTo(200);
		assertThat(owner.post("/admin/operators", "email", "new-" + UUID.randomUUID() + "@example.com", "role",
				"cashier", "password", PASSWORD).status()).isEqualTo(302);
	}

	@Test
	void takesARoleChangeIntoAccountAtTheNextRequest() {
		String email = operator(Role.MANAGER);
		Screens manager = Screens.loggedIn(tenants.base(), email, PASSWORD);
		assertThat(manager.get("/admin/members").status()).isEqualTo(200);
		UUID id = operators.list(tenant.id()).stream().filter(o -> o.email().equals(email)).findFirst().orElseThrow()
			.id();

		operators.changeRole(tenant.id(), id, Role.CASHIER);

		assertThat(manager.get("/admin/members").status()).isEqualTo(403);
	}

	@Test
	void endsTheSessionOfAnOperatorWhoseAccessWasTakenAway() {
		String email = operator(Role.MANAGER);
		Screens manager = Screens.loggedIn(tenants.base(), email, PASSWORD);
		operator(Role.OWNER);
		UUID id = operators.list(tenant.id()).stream().filter(o -> o.email().equals(email)).findFirst().orElseThrow()
			.id();

		operators.setDisabled(tenant.id(), id, true);

		Page next = manager.get("/admin/members");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).endsWith("/login");
		assertThat(new Screens(tenants.base()).logIn(email, PASSWORD).location()).endsWith("/login?disabled");
	}

	@Test
	void escapesWhatAMemberTypedInTheirName() {
		String member = tenant.enrol("""
				{"firstName": "<script>alert('x')</script>", "lastName": "<img src=x onerror=alert(1)>"}""");
		Screens manager = as(Role.MANAGER);

		Page list = manager.get("/admin/members");
		Page profile = manager.get("/admin/members/" + member);

		for (Page page : new Page[] { list, profile }) {
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("<img src=x")
				.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
		}
		assertThat(profile.header("Content-Security-Policy")).contains("script-src 'self'");
	}

	@Test
	void keepsTheSessionInAnHttpOnlySecureSameSiteCookie() {
		Screens screens = new Screens(tenants.base());
		screens.get("/login");
		Page loggedIn = screens.post("/login", "email", operator(Role.ANALYST), "password", PASSWORD);

		String cookie = loggedIn.all("Set-Cookie").stream().filter(value -> value.startsWith("FIDELIS_SESSION="))
			.findFirst().orElseThrow();
		assertThat(cookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Lax");
	}

	@Test
	void givesANewSessionIdAtLogInSoAPlantedOneIsWorthless() {
		Screens screens = new Screens(tenants.base());
		screens.get("/login");
		String before = screens.cookies().get("FIDELIS_SESSION");

		screens.post("/login", "email", operator(Role.ANALYST), "password", PASSWORD);

		assertThat(screens.cookies().get("FIDELIS_SESSION")).isNotNull().isNotEqualTo(before);
	}

	@Test
	void logsOut() {
		Screens analyst = as(Role.ANALYST);
		analyst.get("/admin/members");

		Page out = analyst.post("/logout");

		assertThat(out.location()).endsWith("/login?logout");
		assertThat(analyst.get("/admin/members").status()).isEqualTo(302);
	}
}

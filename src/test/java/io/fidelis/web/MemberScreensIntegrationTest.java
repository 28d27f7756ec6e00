package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.shared.PageRequest;
import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Screens;
import io.fidelis.support.Screens.Page;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.AuditEntry;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.AuditLog.AuditSearch;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;

/** Finding a member and adjusting their balance from the back-office, with its audit trail. */
@IntegrationTest
class MemberScreensIntegrationTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	AuditLog auditLog;

	@Autowired
	MutableClock clock;

	TestTenant tenant;
	Screens manager;
	String managerEmail;

	@BeforeEach
	void loggedInManager() {
		tenant = tenants.create();
		managerEmail = "manager-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), managerEmail, "Marc", Role.MANAGER, PASSWORD);
		manager = Screens.loggedIn(tenants.base(), managerEmail, PASSWORD);
	}

	@Test
	void findsAMemberByNameOrByAnyIdentifier() {
		String member = tenant.enrol("""
				{"firstName": "Zoé", "lastName": "Quintard", "email": "zoe@example.com"}""");
		tenant.enrol("""
				{"firstName": "Paul", "lastName": "Other"}""");

		for (String typed : new String[] { "quint", "Zoé", "zoe@example.com", member }) {
			Page found = manager.get("/admin/members?q=" + java.net.URLEncoder.encode(typed,
					java.nio.charset.StandardCharsets.UTF_8));
			assertThat(found.body()).as(typed).contains("/admin/members/" + member).doesNotContain("Other");
		}
	}

	@Test
	void adjustsABalanceOnceAndAuditsIt() {
		String member = tenant.enrol("{}");
		String requestKey = UUID.randomUUID().toString();

		Page first = manager.post("/admin/members/" + member + "/adjustments", "program", "points", "points", "120",
				"reason", "Coffee machine broke", "requestKey", requestKey);
		Page doubleClick = manager.post("/admin/members/" + member + "/adjustments", "program", "points", "points",
				"120", "reason", "Coffee machine broke", "requestKey", requestKey);

		assertThat(first.status()).isEqualTo(302);
		assertThat(doubleClick.status()).isEqualTo(302);
		assertThat(tenant.available(member)).isEqualTo(120);
		var entries = auditLog.search(tenant.id(), new AuditSearch("member", member, null, null, null, null, null),
				PageRequest.of(10, null)).items();
		assertThat(entries).hasSize(1);
		AuditEntry entry = entries.get(0);
		assertThat(entry.action()).isEqualTo("points.adjusted");
		assertThat(entry.operatorEmail()).isEqualTo(managerEmail);
		assertThat(entry.summary()).contains("+120").contains("Coffee machine broke");
		assertThat(entry.after()).contains("\"available\":120");
		Page profile = manager.get("/admin/members/" + member);
		assertThat(profile.body()).contains("Coffee machine broke");
	}

	@Test
	void showsWhyAnAdjustmentWasRefusedAndWritesNothing() {
		String member = tenant.memberWith(50);
		manager.get("/admin/members/" + member);

		Page refused = manager.post("/admin/members/" + member + "/adjustments", "program", "points", "points",
				"-80", "reason", "Too much", "requestKey", UUID.randomUUID().toString());
		Page back = manager.get(refused.location());

		assertThat(refused.location()).endsWith("/admin/members/" + member);
		assertThat(back.body()).contains("role=\"alert\"").contains("Not enough points");
		assertThat(tenant.available(member)).isEqualTo(50);
		assertThat(auditLog.search(tenant.id(), new AuditSearch("member", member, null, null, null, null, null),
				PageRequest.of(10, null)).items()).isEmpty();
	}

	@Test
	void refusesPointsThatAreNotAWholeNumber() {
		String member = tenant.enrol("{}");
		manager.get("/admin/members/" + member);

		Page refused = manager.post("/admin/members/" + member + "/adjustments", "program", "points", "points",
				"12abc", "reason", "Typo", "requestKey", UUID.randomUUID().toString());

		assertThat(manager.get(refused.location()).body()).contains("must be a whole number");
		assertThat(tenant.available(member)).isZero();
	}

	@Test
	void searchesTheAuditLogByTextAndOperator() {
		String member = tenant.enrol("{}");
		manager.post("/admin/members/" + member + "/adjustments", "program", "points", "points", "30", "reason",
				"Birthday gesture", "requestKey", UUID.randomUUID().toString());
		String ownerEmail = "owner-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), ownerEmail, "Odile", Role.OWNER, PASSWORD);
		Screens owner = Screens.loggedIn(tenants.base(), ownerEmail, PASSWORD);

		Page found = owner.get("/admin/audit?q=birthday");
		Page notFound = owner.get("/admin/audit?q=nothing-like-this");

		assertThat(found.body()).contains("Birthday gesture").contains(managerEmail).contains("points.adjusted");
		assertThat(notFound.body()).doesNotContain("Birthday gesture");
	}

	@Test
	void blocksAndUnblocksAMemberWithTheReasonAudited() {
		String member = tenant.enrol("{}");
		manager.get("/admin/members/" + member);

		manager.post("/admin/members/" + member + "/block", "reason", "Card reported stolen");
		Page blocked = manager.get("/admin/members/" + member);
		Api.Response earn = tenant.purchase(member, "t-" + UUID.randomUUID(), "20.00", clock.instant());

		assertThat(blocked.body()).contains("Card reported stolen").contains("id=\"unblock\"");
		assertThat(earn.status()).isEqualTo(409);
		manager.post("/admin/members/" + member + "/unblock");
		assertThat(manager.get("/admin/members/" + member).body()).contains("id=\"block\"");
		assertThat(auditLog.search(tenant.id(), new AuditSearch("member", member, null, null, null, null, null),
				PageRequest.of(10, null)).items()).extracting(AuditEntry::action)
			.containsExactly("member.unblocked", "member.blocked");
	}

	@Test
	void mergesADuplicateFoundByItsIdentifierOnce() {
		String survivor = tenant.memberWith(100);
		String duplicate = tenant.enrol("""
				{"email": "dup-%s@example.com"}""".formatted(survivor));
		tenant.adjust(duplicate, "points", 40, "duplicate's points");
		manager.get("/admin/members/" + survivor);
		String requestKey = UUID.randomUUID().toString();

		Page merged = manager.post("/admin/members/" + survivor + "/merges", "duplicate",
				"dup-" + survivor + "@example.com", "requestKey", requestKey, "confirmed", "on");
		manager.post("/admin/members/" + survivor + "/merges", "duplicate", "dup-" + survivor + "@example.com",
				"requestKey", requestKey, "confirmed", "on");

		assertThat(merged.status()).isEqualTo(302);
		assertThat(tenant.available(survivor)).isEqualTo(140);
		assertThat(manager.get("/admin/members/" + duplicate).body()).contains("Merged into");
		tenant.assertBalanced();
	}

	@Test
	void refusesToMergeAnIdentifierNoMemberHas() {
		String survivor = tenant.memberWith(10);
		manager.get("/admin/members/" + survivor);

		Page refused = manager.post("/admin/members/" + survivor + "/merges", "duplicate", "nobody@example.com",
				"requestKey", UUID.randomUUID().toString(), "confirmed", "on");

		assertThat(manager.get(refused.location()).body()).contains("no member has the identifier");
		assertThat(tenant.available(survivor)).isEqualTo(10);
	}

	@Test
	void putsAMemberInATierUntilADayAndAuditsIt() {
		Api.Response ladder = tenant.api().send("PUT", "/api/v1/programs/points/tiers", """
				{"metric": "amount_spent", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
				 "graceDays": 30, "review": {"type": "fixed", "date": "01-31"},
				 "tiers": [{"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
				           {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 500}]}""",
				java.util.Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(ladder.status()).as(ladder.toString()).isEqualTo(200);
		String member = tenant.enrol("{}");
		manager.get("/admin/members/" + member);

		manager.post("/admin/members/" + member + "/tier", "program", "points", "tier", "gold", "until",
				java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusMonths(3).toString(), "reason", "VIP guest");

		Api.Response tier = tenant.api().get("/api/v1/members/" + member + "/tier");
		assertThat(tier.text("/tier/code")).isEqualTo("gold");
		assertThat(auditLog.search(tenant.id(), new AuditSearch("member", member, null, "tier.assigned", null, null,
				null), PageRequest.of(10, null)).items()).singleElement()
			.satisfies(entry -> assertThat(entry.summary()).contains("bronze → gold").contains("VIP guest"));
	}

	@Test
	void editsAProfileWithTheChangeAuditedAndRefusesAnAddressAnotherMemberHas() {
		String member = tenant.enrol("""
				{"firstName": "Lise", "email": "lise-%s@example.com"}""".formatted(UUID.randomUUID()));
		String other = "taken-" + UUID.randomUUID() + "@example.com";
		tenant.enrol("""
				{"email": "%s"}""".formatted(other));
		manager.get("/admin/members/" + member);

		manager.post("/admin/members/" + member + "/profile", "firstName", "Lise-Marie", "lastName", "Roux", "email",
				"LISE.ROUX@example.com", "phone", "", "birthDate", "1990-04-02", "locale", "fr", "marketingConsent",
				"true");
		Page refused = manager.post("/admin/members/" + member + "/profile", "firstName", "Lise-Marie", "email",
				other, "locale", "fr");

		Api.Response read = tenant.api().get("/api/v1/members/" + member);
		assertThat(read.text("/firstName")).isEqualTo("Lise-Marie");
		assertThat(read.text("/email")).isEqualTo("lise.roux@example.com");
		assertThat(read.text("/birthDate")).isEqualTo("1990-04-02");
		assertThat(manager.get(refused.location()).body()).contains("Another member already has this email");
		assertThat(auditLog.search(tenant.id(), new AuditSearch("member", member, null, "member.edited", null, null,
				null), PageRequest.of(10, null)).items()).singleElement()
			.satisfies(entry -> assertThat(entry.before()).contains("\"firstName\":\"Lise\""))
			.satisfies(entry -> assertThat(entry.after()).contains("Lise-Marie"));
	}
}

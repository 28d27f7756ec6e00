package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.shared.PageRequest;
import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.Screens;
import io.fidelis.support.Screens.Page;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.AuditEntry;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.AuditLog.AuditSearch;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;
import tools.jackson.databind.JsonNode;

/**
 * Earning rules and campaigns written from the back-office: the builder's fields become the rule the API shows, each
 * change is a version and an audit entry, a refused form writes nothing and keeps what was typed, roles and CSRF
 * guard the changes, and the test panel tries a rule as edited without saving anything.
 */
@IntegrationTest
class RuleScreensIntegrationTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	AuditLog auditLog;

	TestTenant tenant;
	Screens marketer;
	String marketerEmail;

	@BeforeEach
	void loggedInMarketer() {
		tenant = tenants.create();
		marketerEmail = "marketer-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), marketerEmail, "Maëlle", Role.MARKETER, PASSWORD);
		marketer = Screens.loggedIn(tenants.base(), marketerEmail, PASSWORD);
	}

	/** The builder's fields of a rule giving 2 points per coffee item on Mondays and Tuesdays, before 11:00. */
	static List<String> coffeeRule(String name) {
		return new ArrayList<>(List.of("name", name, "trigger", "purchase", "beneficiary", "MEMBER", "priority", "110",
				"stacking.mode", "CUMULATIVE", "effect.type", "points_per_item", "effect.perItem", "2",
				"effect.rounding", "DOWN", "conditions.items.categories", "coffee, tea", "conditions.daysOfWeek",
				"MONDAY", "conditions.daysOfWeek", "TUESDAY", "conditions.hours.from", "07:00",
				"conditions.hours.to", "11:00", "conditions.nthPurchase.kind", "", "limits.period", "MONTH",
				"limits.count", "", "limits.points", "40", "limits.period", "", "limits.count", "", "limits.points", "",
				"requestKey", UUID.randomUUID().toString()));
	}

	static List<String> with(List<String> fields, String... more) {
		List<String> all = new ArrayList<>(fields);
		all.addAll(Arrays.asList(more));
		return all;
	}

	Page post(Screens screens, String path, List<String> fields) {
		return screens.post(path, fields.toArray(String[]::new));
	}

	JsonNode rules() {
		Api.Response rules = tenant.api().get("/api/v1/programs/points/rules");
		assertThat(rules.status()).isEqualTo(200);
		return rules.json();
	}

	List<AuditEntry> audit(String subjectType) {
		return auditLog.search(tenant.id(), new AuditSearch(subjectType, null, null, null, null, null, null),
				PageRequest.of(20, null)).items();
	}

	static String ruleId(String location) {
		Matcher id = Pattern.compile("/admin/programs/points/rules/([0-9a-f-]{36})$").matcher(location);
		assertThat(id.find()).as(location).isTrue();
		return id.group(1);
	}

	@Test
	void listsTheProgramsWithTheirSections() {
		Page programs = marketer.get("/admin/programs");

		assertThat(programs.status()).isEqualTo(200);
		assertThat(programs.body()).contains("id=\"program-points\"").contains("/admin/programs/points/rules")
			.contains("/admin/programs/points/campaigns");
	}

	@Test
	void createsARuleWithTheBuilderAsTheApiWouldAndAuditsIt() {
		marketer.get("/admin/programs/points/rules/new");

		Page created = post(marketer, "/admin/programs/points/rules", coffeeRule("Coffee mornings"));

		assertThat(created.status()).isEqualTo(302);
		String id = ruleId(created.location());
		JsonNode rule = tenant.api().get("/api/v1/programs/points/rules/" + id).json();
		JsonNode definition = rule.get("definition");
		assertThat(definition.get("name").asString()).isEqualTo("Coffee mornings");
		assertThat(definition.get("priority").asInt()).isEqualTo(110);
		assertThat(definition.at("/effect/type").asString()).isEqualTo("points_per_item");
		assertThat(definition.at("/effect/points").asLong()).isEqualTo(2);
		assertThat(definition.at("/conditions/items/categories").toString()).isEqualTo("[\"coffee\",\"tea\"]");
		assertThat(definition.at("/conditions/daysOfWeek").toString()).isEqualTo("[\"monday\",\"tuesday\"]");
		assertThat(definition.at("/conditions/hours/from").asString()).startsWith("07:00");
		assertThat(definition.at("/limits/perMember/0/points").asLong()).isEqualTo(40);
		assertThat(definition.at("/limits/perMember").size()).isEqualTo(1);
		List<AuditEntry> entries = audit("rule");
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).action()).isEqualTo("rule.created");
		assertThat(entries.get(0).subjectId()).isEqualTo(id);
		assertThat(entries.get(0).operatorEmail()).isEqualTo(marketerEmail);
		assertThat(entries.get(0).before()).isNull();
		assertThat(entries.get(0).after()).contains("\"points_per_item\"").contains("\"version\":1");

		Page list = marketer.get("/admin/programs/points/rules");
		assertThat(list.body()).contains("Coffee mornings").contains("2 points per item on purchase")
			.contains("items of coffee, tea").contains("At most 40 points per member per month");
	}

	@Test
	void aDoubleClickCreatesOneRule() {
		List<String> fields = coffeeRule("Once");
		marketer.get("/admin/programs/points/rules/new");

		Page first = post(marketer, "/admin/programs/points/rules", fields);
		Page again = post(marketer, "/admin/programs/points/rules", fields);

		assertThat(again.location()).isEqualTo(first.location());
		assertThat(rules().size()).isEqualTo(2);
		assertThat(audit("rule")).hasSize(1);
	}

	@Test
	void editsARuleAsItsNextVersionAndSwitchesItOffAndOn() {
		String id = tenant.rule("""
				{"name": "Weekend", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5}}""");
		Page form = marketer.get("/admin/programs/points/rules/" + id);
		assertThat(form.body()).contains("value=\"Weekend\"").contains("value=\"5\"");

		Page saved = post(marketer, "/admin/programs/points/rules/" + id, List.of("name", "Weekend treat",
				"trigger", "purchase", "effect.type", "fixed_points", "effect.fixed", "8", "conditions.daysOfWeek",
				"SATURDAY", "requestKey", UUID.randomUUID().toString()));
		Page off = marketer.post("/admin/programs/points/rules/" + id + "/active", "active", "false");

		assertThat(saved.status()).isEqualTo(302);
		assertThat(off.status()).isEqualTo(302);
		JsonNode rule = tenant.api().get("/api/v1/programs/points/rules/" + id).json();
		assertThat(rule.get("version").asInt()).isEqualTo(3);
		assertThat(rule.get("active").asBoolean()).isFalse();
		assertThat(rule.at("/definition/effect/points").asLong()).isEqualTo(8);
		List<AuditEntry> entries = audit("rule");
		assertThat(entries).extracting(AuditEntry::action).containsExactly("rule.deactivated", "rule.updated");
		AuditEntry update = entries.get(1);
		assertThat(update.before()).contains("\"version\":1").contains("\"Weekend\"");
		assertThat(update.after()).contains("\"version\":2").contains("\"Weekend treat\"");
		Page page = marketer.get("/admin/programs/points/rules/" + id);
		assertThat(page.body()).contains("operator:" + marketerEmail).contains("inactive");

		marketer.post("/admin/programs/points/rules/" + id + "/active", "active", "true");
		assertThat(tenant.api().get("/api/v1/programs/points/rules/" + id).json().get("active").asBoolean()).isTrue();
		assertThat(audit("rule").get(0).action()).isEqualTo("rule.activated");
	}

	@Test
	void showsWhyARuleWasRefusedKeepsWhatWasTypedAndWritesNothing() {
		marketer.get("/admin/programs/points/rules/new");

		Page notANumber = post(marketer, "/admin/programs/points/rules",
				with(coffeeRule("Typo rule"), "conditions.minAmount", "12,5,0"));
		Page back = marketer.get(notANumber.location());
		Page badExpression = post(marketer, "/admin/programs/points/rules",
				with(coffeeRule("Bad CEL"), "conditions.expression", "event.amount >"));
		Page backAgain = marketer.get(badExpression.location());
		Page stampsInPoints = post(marketer, "/admin/programs/points/rules", List.of("name", "Stamp", "trigger",
				"purchase", "effect.type", "stamps", "effect.stamps", "1", "requestKey", UUID.randomUUID().toString()));

		assertThat(notANumber.location()).endsWith("/admin/programs/points/rules/new");
		assertThat(back.body()).contains("role=\"alert\"").contains("conditions.minAmount")
			.contains("value=\"Typo rule\"").contains("value=\"12,5,0\"");
		assertThat(backAgain.body()).contains("role=\"alert\"").contains("expression does not compile")
			.contains("event.amount &gt;");
		assertThat(marketer.get(stampsInPoints.location()).body()).contains("stamps are given in a stamps program only");
		assertThat(rules().size()).isEqualTo(1);
		assertThat(audit("rule")).isEmpty();
	}

	@Test
	void anAnalystReadsTheRulesButMayNotChangeThem() {
		String id = tenant.rule("""
				{"name": "Read only", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5}}""");
		String analystEmail = "analyst-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), analystEmail, "Anouk", Role.ANALYST, PASSWORD);
		Screens analyst = Screens.loggedIn(tenants.base(), analystEmail, PASSWORD);

		Page list = analyst.get("/admin/programs/points/rules");
		Page rule = analyst.get("/admin/programs/points/rules/" + id);
		Page create = post(analyst, "/admin/programs/points/rules", coffeeRule("Not allowed"));
		Page deactivate = analyst.post("/admin/programs/points/rules/" + id + "/active", "active", "false");
		Page trial = post(analyst, "/admin/programs/points/rules/trial", with(coffeeRule("Try"), "sample.amount", "10"));

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("Read only").doesNotContain("id=\"new-rule\"");
		assertThat(rule.body()).contains("value=\"Read only\"").doesNotContain("id=\"save-rule\"")
			.doesNotContain("id=\"switch\"").doesNotContain("id=\"try-rule\"");
		assertThat(create.status()).isEqualTo(403);
		assertThat(deactivate.status()).isEqualTo(403);
		assertThat(trial.status()).isEqualTo(403);
		assertThat(rules().size()).isEqualTo(2);
		assertThat(tenant.api().get("/api/v1/programs/points/rules/" + id).json().get("active").asBoolean()).isTrue();
		assertThat(audit("rule")).isEmpty();
	}

	@Test
	void aChangeWithoutTheCsrfTokenIsRefused() {
		marketer.get("/admin/programs/points/rules/new");
		List<String> fields = coffeeRule("Forged");

		Page forged = marketer.postWithToken("/admin/programs/points/rules", null, fields.toArray(String[]::new));

		assertThat(forged.status()).isEqualTo(403);
		assertThat(rules().size()).isEqualTo(1);
		assertThat(audit("rule")).isEmpty();
	}

	@Test
	void testsTheRuleAsEditedOnASampleEventWithoutSavingAnything() {
		String member = tenant.enrol("""
				{"email": "trial@example.com"}""");
		String id = tenant.rule("""
				{"name": "Big baskets", "trigger": "purchase", "conditions": {"minAmount": 50},
				 "effect": {"type": "fixed_points", "points": 10}}""");
		marketer.get("/admin/programs/points/rules/" + id);

		Page trial = post(marketer, "/admin/programs/points/rules/trial", List.of("ruleId", id, "name",
				"Big baskets", "trigger", "purchase", "effect.type", "fixed_points", "effect.fixed", "25",
				"conditions.minAmount", "20", "sample.member", "trial@example.com", "sample.amount", "30.00",
				"sample.items", "latte, coffee, 2, 15.00"));
		Page anonymous = post(marketer, "/admin/programs/points/rules/trial", List.of("ruleId", id, "name",
				"Big baskets", "trigger", "purchase", "effect.type", "fixed_points", "effect.fixed", "25",
				"sample.amount", "30.00"));
		Page refused = post(marketer, "/admin/programs/points/rules/trial", List.of("name", "Broken", "trigger",
				"purchase", "effect.type", "fixed_points", "effect.fixed", "1", "conditions.expression", "event.(",
				"sample.amount", "30.00"));

		assertThat(trial.status()).isEqualTo(200);
		// Base points (30) and the rule as edited (25 from 20.00), not as saved (nothing below 50.00).
		assertThat(trial.body()).contains("id=\"trial-points\">55<").contains("Big baskets").contains("25 fixed");
		assertThat(anonymous.body()).contains("No member");
		assertThat(refused.body()).contains("conditions.expression").doesNotContain("trial-points");
		JsonNode saved = tenant.api().get("/api/v1/programs/points/rules/" + id).json();
		assertThat(saved.get("version").asInt()).isEqualTo(1);
		assertThat(saved.at("/definition/effect/points").asLong()).isEqualTo(10);
		assertThat(rules().size()).isEqualTo(2);
		assertThat(tenant.available(member)).isZero();
		// The draft is not left in the rule cache: a real purchase right after earns by the saved rules.
		Api.Response purchase = tenant.event("""
				{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "30.00", "currency": "EUR"}""".formatted(UUID.randomUUID(), member,
				java.time.Instant.now().minusSeconds(60)));
		assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
		assertThat(tenant.available(member)).isEqualTo(30);
		assertThat(audit("rule")).isEmpty();
	}

	@Test
	void createsAndEditsACampaignAndAuditsIt() {
		marketer.get("/admin/programs/points/campaigns");

		Page created = marketer.post("/admin/programs/points/campaigns", "code", "winter", "name", "Winter week",
				"startsAt", "2030-01-06T00:00", "endsAt", "2030-01-13T00:00", "budget", "5000", "anyLabels", "vip",
				"segments", "champions", "requestKey", UUID.randomUUID().toString());
		marketer.get("/admin/programs/points/campaigns/winter");
		Page refused = marketer.post("/admin/programs/points/campaigns/winter", "name", "Winter week",
				"startsAt", "2030-01-13T00:00", "endsAt", "2030-01-06T00:00", "requestKey",
				UUID.randomUUID().toString());
		marketer.get("/admin/programs/points/campaigns/winter");
		Page updated = marketer.post("/admin/programs/points/campaigns/winter", "name", "Winter fortnight",
				"startsAt", "2030-01-06T00:00", "endsAt", "2030-01-20T00:00", "budget", "8000", "requestKey",
				UUID.randomUUID().toString());

		assertThat(created.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith("/admin/programs/points/campaigns/winter");
		assertThat(updated.status()).isEqualTo(302);
		assertThat(marketer.get(updated.location()).body()).contains("Winter fortnight ✓")
			.doesNotContain("role=\"alert\"");
		JsonNode campaign = tenant.api().get("/api/v1/programs/points/campaigns/winter").json();
		assertThat(campaign.get("name").asString()).isEqualTo("Winter fortnight");
		assertThat(campaign.get("budget").asLong()).isEqualTo(8000);
		assertThat(campaign.get("audience").isNull() || campaign.get("audience").isMissingNode()).isTrue();
		List<AuditEntry> entries = audit("campaign");
		assertThat(entries).extracting(AuditEntry::action).containsExactly("campaign.updated", "campaign.created");
		assertThat(entries.get(1).after()).contains("\"anyOf\":[\"vip\"]").contains("\"champions\"");
		assertThat(entries.get(0).before()).contains("Winter week");
		Page list = marketer.get("/admin/programs/points/campaigns");
		assertThat(list.body()).contains("Winter fortnight").contains("scheduled");
	}
}

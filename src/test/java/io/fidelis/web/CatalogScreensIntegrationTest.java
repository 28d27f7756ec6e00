package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.shared.PageRequest;
import io.fidelis.shared.Timestamps;
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

/**
 * The catalog's screens through HTTP as a browser sends their forms: tiers, rewards and their stock, causes,
 * membership plans, API keys and jobs. Each change shows in the API, is audited, and a refused one writes nothing.
 */
@IntegrationTest
class CatalogScreensIntegrationTest {

	static final String PASSWORD = "correct horse battery";
	static final Pattern SECRET = Pattern.compile("id=\"secret\">(fid_[A-Za-z0-9_-]+)<");

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	TestTenant tenant;

	@BeforeEach
	void tenant() {
		tenant = tenants.create();
	}

	Screens as(Role role) {
		String email = role.code() + "-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, role.code(), role, PASSWORD);
		return Screens.loggedIn(tenants.base(), email, PASSWORD);
	}

	List<AuditEntry> audited(String action) {
		return auditLog.search(tenant.id(), new AuditSearch(null, null, null, action, null, null, null),
				PageRequest.of(50, null)).items();
	}

	String errorOf(Screens screens, Page refused) {
		assertThat(refused.status()).as(refused.toString()).isEqualTo(302);
		Page back = screens.get(refused.location());
		Matcher alert = Pattern.compile("role=\"alert\">([^<]*)<").matcher(back.body());
		assertThat(alert.find()).as(back.body()).isTrue();
		return alert.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
	}

	@Test
	void putsALadderOfTiersFromTheFormAndAuditsIt() {
		Screens marketer = as(Role.MARKETER);
		marketer.get("/admin/programs/points/tiers");

		Page saved = marketer.post("/admin/programs/points/tiers", "metric", "points_earned", "windowType", "rolling",
				"windowMonths", "12", "downgrade", "one_tier", "graceDays", "30", "reviewType", "anniversary",
				"tierCode", "bronze", "nameEn", "Bronze", "nameFr", "Bronze", "threshold", "0", "earnMultiplier", "1",
				"perksEn", "", "perksFr", "", "welcomeReward", "",
				"tierCode", "gold", "nameEn", "Gold", "nameFr", "Or", "threshold", "5000", "earnMultiplier", "2",
				"perksEn", "Free delivery\nLounge, with coffee", "perksFr", "Livraison offerte", "welcomeReward", "",
				"tierCode", "", "nameEn", "", "nameFr", "", "threshold", "", "earnMultiplier", "1", "perksEn", "",
				"perksFr", "", "welcomeReward", "");

		assertThat(saved.location()).endsWith("/admin/programs/points/tiers");
		Api.Response ladder = tenant.api().get("/api/v1/programs/points/tiers");
		assertThat(ladder.status()).isEqualTo(200);
		assertThat(ladder.text("/tiers/1/names/fr")).isEqualTo("Or");
		assertThat(ladder.text("/tiers/1/perks/en/1")).isEqualTo("Lounge, with coffee");
		assertThat(ladder.json().at("/tiers/1/earnMultiplier").decimalValue()).isEqualByComparingTo("2");
		assertThat(ladder.json().at("/graceDays").asInt()).isEqualTo(30);
		assertThat(marketer.get("/admin/programs/points/tiers").body()).contains("id=\"tier-gold\"")
			.contains("Free delivery");
		List<AuditEntry> entries = audited("tiers.replaced");
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).before()).isNull();
		assertThat(entries.get(0).after()).contains("\"gold\"");
	}

	@Test
	void showsWhyALadderWasRefusedAndWritesNothing() {
		Screens manager = as(Role.MANAGER);
		manager.get("/admin/programs/points/tiers");

		Page refused = manager.post("/admin/programs/points/tiers", "metric", "points_earned", "windowType",
				"rolling", "windowMonths", "12", "downgrade", "one_tier", "graceDays", "0", "reviewType",
				"anniversary", "tierCode", "silver", "nameEn", "Silver", "nameFr", "Argent", "threshold", "100",
				"earnMultiplier", "1", "perksEn", "", "perksFr", "", "welcomeReward", "");

		assertThat(errorOf(manager, refused)).contains("must be 0: the first tier is the base tier");
		assertThat(tenant.api().get("/api/v1/programs/points/tiers").status()).isEqualTo(404);
		assertThat(audited("tiers.replaced")).isEmpty();
	}

	Page createReward(Screens screens, String code, String stock) {
		screens.get("/admin/programs/points/rewards/new");
		return screens.post("/admin/programs/points/rewards", "code", code, "type", "discount_voucher", "cost",
				"500", "stock", stock, "nameEn", "5 EUR off", "nameFr", "5 EUR de remise", "discountKind", "fixed",
				"discountAmount", "5.00", "discountPercent", "", "voucherValidDays", "30", "sku", "ignored-for-type");
	}

	@Test
	void createsEditsRestocksAndRetiresARewardAndAuditsEachChange() {
		Screens marketer = as(Role.MARKETER);

		Page created = createReward(marketer, "five-off", "2");
		assertThat(created.location()).endsWith("/admin/programs/points/rewards");
		Api.Response reward = tenant.api().get("/api/v1/programs/points/rewards/five-off");
		assertThat(reward.status()).isEqualTo(200);
		assertThat(reward.text("/discount/amount")).isEqualTo("5.00");
		assertThat(reward.json().at("/stock").asInt()).isEqualTo(2);
		assertThat(reward.json().at("/voucher/validDays").asInt()).isEqualTo(30);
		assertThat(reward.json().at("/sku").isNull()).isTrue();

		String member = tenant.memberWith(2000);
		assertThat(tenant.api().post("/api/v1/members/" + member + "/redemptions", """
				{"reward": "five-off", "quantity": 2}""", UUID.randomUUID().toString()).status()).isEqualTo(201);
		Page catalog = marketer.get("/admin/programs/points/rewards");
		assertThat(catalog.body()).contains("id=\"reward-five-off\"").contains("5 EUR off");

		Page edited = marketer.post("/admin/programs/points/rewards/five-off", "type", "discount_voucher", "cost",
				"400", "stock", "2", "nameEn", "5 EUR off, cheaper", "nameFr", "5 EUR de remise", "discountKind",
				"fixed", "discountAmount", "5.00", "voucherValidDays", "30");
		Page restocked = marketer.post("/admin/programs/points/rewards/five-off/stock", "stock", "10");
		Page retired = marketer.post("/admin/programs/points/rewards/five-off/retire");

		assertThat(List.of(edited.status(), restocked.status(), retired.status())).containsOnly(302);
		reward = tenant.api().get("/api/v1/programs/points/rewards/five-off");
		assertThat(reward.json().at("/cost").asLong()).isEqualTo(400);
		assertThat(reward.text("/texts/en/name")).isEqualTo("5 EUR off, cheaper");
		assertThat(reward.json().at("/remaining").asInt()).isEqualTo(8);
		assertThat(reward.text("/status")).isEqualTo("retired");
		assertThat(audited("reward.created")).hasSize(1);
		assertThat(audited("reward.updated")).singleElement()
			.satisfies(entry -> assertThat(entry.before()).contains("\"cost\":500"));
		assertThat(audited("reward.stock-changed")).singleElement()
			.satisfies(entry -> assertThat(entry.summary()).contains("stock 2 → 10"));
		assertThat(audited("reward.retired")).hasSize(1);
	}

	@Test
	void refusesAStockBelowWhatWasIssuedAndBadInputWritingNothing() {
		Screens manager = as(Role.MANAGER);
		createReward(manager, "coffee", "5");
		String member = tenant.memberWith(2000);
		tenant.api().post("/api/v1/members/" + member + "/redemptions", """
				{"reward": "coffee", "quantity": 3}""", UUID.randomUUID().toString());
		manager.get("/admin/programs/points/rewards");

		Page belowIssued = manager.post("/admin/programs/points/rewards/coffee/stock", "stock", "2");
		assertThat(errorOf(manager, belowIssued)).contains("at least the 3 already issued");
		Page notANumber = createReward(manager, "tea", "lots");
		assertThat(errorOf(manager, notANumber)).contains("stock: must be a whole number");
		Page noName = manager.post("/admin/programs/points/rewards", "code", "tea", "type", "free_product", "cost",
				"100", "sku", "TEA");
		assertThat(errorOf(manager, noName)).contains("must have an English or a French name");

		assertThat(tenant.api().get("/api/v1/programs/points/rewards/coffee").json().at("/stock").asInt())
			.isEqualTo(5);
		assertThat(tenant.api().get("/api/v1/programs/points/rewards/tea").status()).isEqualTo(404);
		assertThat(audited("reward.stock-changed")).isEmpty();
		assertThat(audited("reward.created")).hasSize(1);
	}

	@Test
	void createsEditsAndRetiresACause() {
		Screens marketer = as(Role.MARKETER);
		marketer.get("/admin/programs/causes");

		Page created = marketer.post("/admin/programs/causes", "code", "forest", "nameEn", "Plant a forest",
				"descriptionEn", "", "nameFr", "", "descriptionFr", "", "imageUrl", "");
		Page edited = marketer.post("/admin/programs/causes/forest", "nameEn", "Plant a forest",
				"descriptionEn", "Trees", "nameFr", "Planter une forêt", "descriptionFr", "",
				"imageUrl", "https://example.com/forest.png");
		Page list = marketer.get("/admin/programs/causes");
		Page retired = marketer.post("/admin/programs/causes/forest/retire");

		assertThat(List.of(created.status(), edited.status(), retired.status())).containsOnly(302);
		assertThat(list.body()).contains("Planter une forêt");
		Api.Response cause = tenant.api().get("/api/v1/causes/forest");
		assertThat(cause.text("/texts/fr/name")).isEqualTo("Planter une forêt");
		assertThat(cause.text("/imageUrl")).isEqualTo("https://example.com/forest.png");
		assertThat(cause.text("/status")).isEqualTo("retired");
		assertThat(audited("cause.created")).hasSize(1);
		assertThat(audited("cause.updated")).singleElement()
			.satisfies(entry -> assertThat(entry.after()).contains("Planter une forêt"));
		assertThat(audited("cause.retired")).hasSize(1);
	}

	@Test
	void refusesACauseWithoutANameOrWithABadImage() {
		Screens marketer = as(Role.MARKETER);
		marketer.get("/admin/programs/causes");

		Page noName = marketer.post("/admin/programs/causes", "code", "sea", "nameEn", "", "nameFr", "");
		assertThat(errorOf(marketer, noName)).contains("must have an English or a French name");
		Page badImage = marketer.post("/admin/programs/causes", "code", "sea", "nameEn", "Clean the sea",
				"imageUrl", "javascript:alert(1)");
		assertThat(errorOf(marketer, badImage)).contains("imageUrl: must be an http or https URL");

		assertThat(tenant.api().get("/api/v1/causes/sea").status()).isEqualTo(404);
		assertThat(audited("cause.created")).isEmpty();
	}

	@Test
	void createsEditsAndRetiresAMembershipPlan() {
		Screens manager = as(Role.MANAGER);
		manager.get("/admin/programs/plans/new");

		Page created = manager.post("/admin/programs/plans", "code", "vip", "nameEn", "VIP", "nameFr", "Club VIP",
				"price", "9.99", "currency", "EUR", "term", "monthly", "autoRenew", "on", "trialDays", "14",
				"graceDays", "7", "program", "points", "tier", "", "earnMultiplier", "1.5", "rewards", "",
				"perksEn", "Free delivery", "perksFr", "Livraison offerte");
		manager.get("/admin/programs/plans/vip/edit");
		Page edited = manager.post("/admin/programs/plans/vip", "nameEn", "VIP", "nameFr", "Club VIP", "price",
				"99", "currency", "EUR", "term", "yearly", "trialDays", "0", "graceDays", "7", "program", "points",
				"earnMultiplier", "2", "perksEn", "Free delivery", "perksFr", "Livraison offerte");
		Page list = manager.get("/admin/programs/plans");
		Page retired = manager.post("/admin/programs/plans/vip/retire");

		assertThat(List.of(created.status(), edited.status(), retired.status())).containsOnly(302);
		assertThat(list.body()).contains("id=\"plan-vip\"").contains("99 EUR");
		Api.Response plan = tenant.api().get("/api/v1/membership-plans/vip");
		assertThat(plan.text("/price")).isEqualTo("99");
		assertThat(plan.text("/term")).isEqualTo("yearly");
		assertThat(plan.json().at("/autoRenew").asBoolean()).isFalse();
		assertThat(plan.text("/earnMultiplier")).isEqualTo("2");
		assertThat(plan.json().at("/retiredAt").isNull()).isFalse();
		assertThat(audited("membership-plan.created")).singleElement()
			.satisfies(entry -> assertThat(entry.after()).contains("\"trialDays\":14"));
		assertThat(audited("membership-plan.updated")).hasSize(1);
		assertThat(audited("membership-plan.retired")).hasSize(1);
	}

	@Test
	void refusesAPlanWhoseTierTheProgramDoesNotHave() {
		Screens manager = as(Role.MANAGER);
		manager.get("/admin/programs/plans/new");

		Page refused = manager.post("/admin/programs/plans", "code", "gold-club", "nameEn", "Gold club", "nameFr",
				"Club or", "price", "5", "currency", "EUR", "term", "monthly", "program", "points", "tier", "gold");

		assertThat(errorOf(manager, refused)).contains("tier: program points has no tier 'gold'");
		assertThat(tenant.api().get("/api/v1/membership-plans/gold-club").status()).isEqualTo(404);
		assertThat(audited("membership-plan.created")).isEmpty();
	}

	@Test
	void showsANewApiKeyOnceThatWorksUntilRevoked() {
		Screens owner = as(Role.OWNER);
		Page form = owner.get("/admin/api-keys");
		Matcher requestKey = Pattern.compile("name=\"requestKey\" value=\"([^\"]+)\"").matcher(form.body());
		assertThat(requestKey.find()).isTrue();

		Page created = owner.post("/admin/api-keys", "requestKey", requestKey.group(1), "name", "Till 3", "scope",
				"members:read", "scope", "events:write", "storeId", "");
		Page sentAgain = owner.post("/admin/api-keys", "requestKey", requestKey.group(1), "name", "Till 3", "scope",
				"members:read", "scope", "events:write", "storeId", "");

		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Cache-Control")).contains("no-store");
		Matcher secret = SECRET.matcher(created.body());
		assertThat(secret.find()).as(created.body()).isTrue();
		String key = secret.group(1);
		assertThat(sentAgain.body()).doesNotContain(key).doesNotContain("id=\"secret\"");
		assertThat(owner.get("/admin/api-keys").body()).doesNotContain(key);
		Api till = tenant.api().withKey(key);
		assertThat(till.get("/api/v1/members?limit=1").status()).isEqualTo(200);
		assertThat(till.get("/api/v1/api-keys").status()).isEqualTo(403);

		List<AuditEntry> createdEntries = audited("api-key.created");
		assertThat(createdEntries).hasSize(1);
		assertThat(createdEntries.get(0).after()).contains("Till 3").doesNotContain(key);
		String id = createdEntries.get(0).subjectId();
		assertThat(lastUsed(created, id)).isEqualTo("—");
		assertThat(lastUsed(owner.get("/admin/api-keys"), id)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
		Page revoked = owner.post("/admin/api-keys/" + id + "/revoke");

		assertThat(revoked.status()).isEqualTo(302);
		assertThat(till.get("/api/v1/members?limit=1").status()).isEqualTo(401);
		assertThat(audited("api-key.revoked")).singleElement()
			.satisfies(entry -> assertThat(entry.after()).contains("revokedAt"));
	}

	/** The "last used" cell of a key's row in the list of keys. */
	static String lastUsed(Page keys, String id) {
		Matcher cell = Pattern.compile("id=\"key-" + id + "\".*?class=\"last-used\">([^<]*)<", Pattern.DOTALL)
			.matcher(keys.body());
		assertThat(cell.find()).as(keys.body()).isTrue();
		return cell.group(1);
	}

	@Test
	void refusesAKeyWithoutScopesWritingNothing() {
		Screens owner = as(Role.OWNER);
		owner.get("/admin/api-keys");

		Page refused = owner.post("/admin/api-keys", "requestKey", UUID.randomUUID().toString(), "name", "No scope");

		assertThat(errorOf(owner, refused)).contains("scopes");
		assertThat(tenant.api().get("/api/v1/api-keys").json().size()).isEqualTo(1);
		assertThat(audited("api-key.created")).isEmpty();
	}

	@Test
	void makesAJobDueNowWhenAskedAndAuditsIt() {
		String job = "ledger.hold-expiry";
		Instant later = clock.instant().plus(Duration.ofHours(1));
		jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = :job").param("job", job).update();
		Screens manager = as(Role.MANAGER);
		manager.get("/admin/jobs");
		Page noInstance = manager.post("/admin/jobs/" + job + "/run");
		assertThat(errorOf(manager, noInstance)).contains("No instance running jobs has started yet");
		try {
			// As an instance running jobs leaves it: the next run in an hour.
			jdbc.sql("""
					INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
					VALUES (:job, 'recurring', :at, FALSE, 1)""")
				.param("job", job)
				.param("at", Timestamps.sql(later))
				.update();
			Page jobs = manager.get("/admin/jobs");
			Page asked = manager.post("/admin/jobs/" + job + "/run");

			assertThat(jobs.body()).contains("id=\"job-ledger-hold-expiry\"").contains("every minute");
			assertThat(asked.status()).isEqualTo(302);
			Instant due = jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = :job")
				.param("job", job)
				.query((rs, n) -> Timestamps.instant(rs.getObject(1, OffsetDateTime.class)))
				.single();
			assertThat(due).isBefore(later).isBeforeOrEqualTo(clock.instant());
			assertThat(audited("job.run-requested")).singleElement()
				.satisfies(entry -> assertThat(entry.subjectId()).isEqualTo(job));
		}
		finally {
			jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = :job").param("job", job).update();
		}
	}

	@Test
	void letsAMarketerEditRewardsButNotOpenApiKeysOrJobs() {
		Screens marketer = as(Role.MARKETER);

		assertThat(marketer.get("/admin/programs/points/rewards").body()).contains("id=\"new-reward\"");
		assertThat(marketer.get("/admin/api-keys").status()).isEqualTo(403);
		assertThat(marketer.get("/admin/jobs").status()).isEqualTo(403);
		marketer.get("/admin/programs/points/rewards");
		assertThat(marketer.post("/admin/api-keys", "requestKey", UUID.randomUUID().toString(), "name", "Mine",
				"scope", "api-keys:manage").status()).isEqualTo(403);
		assertThat(marketer.post("/admin/jobs/ledger.expiry/run").status()).isEqualTo(403);
		assertThat(tenant.api().get("/api/v1/api-keys").json().size()).isEqualTo(1);
	}

	@Test
	void letsAnAnalystReadTheCatalogButChangeNothing() {
		createReward(as(Role.MANAGER), "mug", "10");
		Screens analyst = as(Role.ANALYST);

		for (String page : new String[] { "/admin/programs/points/tiers", "/admin/programs/points/rewards",
				"/admin/programs/causes", "/admin/programs/plans" }) {
			Page read = analyst.get(page);
			assertThat(read.status()).as(page).isEqualTo(200);
			assertThat(read.body()).as(page).doesNotContain("action=\"/admin/programs");
		}
		Page retire = analyst.post("/admin/programs/points/rewards/mug/retire");
		Page cause = analyst.post("/admin/programs/causes", "code", "sea", "nameEn", "Sea");

		assertThat(retire.status()).isEqualTo(403);
		assertThat(cause.status()).isEqualTo(403);
		assertThat(tenant.api().get("/api/v1/programs/points/rewards/mug").text("/status")).isEqualTo("available");
		assertThat(analyst.get("/admin/programs/points/rewards/new").status()).isEqualTo(403);
		assertThat(analyst.get("/admin/programs/points/rewards/mug/edit").status()).isEqualTo(403);
		assertThat(analyst.get("/admin/programs/plans/new").status()).isEqualTo(403);
		assertThat(analyst.get("/admin/api-keys").status()).isEqualTo(403);
		assertThat(analyst.get("/admin/jobs").status()).isEqualTo(403);
	}

	@Test
	void refusesAChangeWithoutTheFormsCsrfToken() {
		Screens manager = as(Role.MANAGER);
		createReward(manager, "cap", "10");
		Screens owner = as(Role.OWNER);
		owner.get("/admin/api-keys");

		Page forgedRetire = manager.postWithToken("/admin/programs/points/rewards/cap/retire", null);
		Page forgedKey = owner.postWithToken("/admin/api-keys", null, "requestKey", UUID.randomUUID().toString(),
				"name", "Stolen", "scope", "api-keys:manage");

		assertThat(forgedRetire.status()).isEqualTo(403);
		assertThat(forgedKey.status()).isEqualTo(403);
		assertThat(tenant.api().get("/api/v1/programs/points/rewards/cap").text("/status")).isEqualTo("available");
		assertThat(tenant.api().get("/api/v1/api-keys").json().size()).isEqualTo(1);
	}

	@Test
	void showsEveryCatalogPageInEnglishAndFrenchWithEachTextTranslated() {
		Screens owner = as(Role.OWNER);
		tenant.api().put("/api/v1/programs/points/tiers", """
				{"metric": "amount_spent", "window": {"type": "calendar_year"}, "downgrade": "to_supported_tier",
				 "review": {"type": "fixed", "date": "01-31"}, "tiers": [
				  {"code": "base", "names": {"fr": "Base", "en": "Base"}, "threshold": 0},
				  {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 500, "earnMultiplier": 1.5,
				   "perks": {"fr": ["Café"], "en": ["Coffee"]}}]}""");
		createReward(owner, "five-off", "3");
		owner.get("/admin/programs/causes");
		owner.post("/admin/programs/causes", "code", "forest", "nameFr", "Forêt");
		owner.get("/admin/programs/plans/new");
		owner.post("/admin/programs/plans", "code", "club", "nameEn", "Club", "nameFr", "Club", "price", "20",
				"currency", "EUR", "term", "days", "termDays", "30", "trialDays", "7", "program", "points", "tier",
				"gold");

		for (String language : new String[] { "en", "fr" }) {
			for (String page : new String[] { "/admin/programs/points/tiers", "/admin/programs/points/rewards",
					"/admin/programs/points/rewards/new", "/admin/programs/points/rewards/five-off/edit",
					"/admin/programs/causes", "/admin/programs/plans", "/admin/programs/plans/new",
					"/admin/programs/plans/club/edit", "/admin/api-keys", "/admin/jobs" }) {
				Page read = owner.get(page + "?lang=" + language);
				assertThat(read.status()).as(page).isEqualTo(200);
				assertThat(read.body()).as(language + " " + page).doesNotContain("??");
			}
		}
		assertThat(owner.get("/admin/programs/points/tiers?lang=fr").body()).contains("Paliers de")
			.contains("chaque année le 01-31");
		assertThat(owner.get("/admin/programs/plans?lang=fr").body()).contains("30 jours, une fois")
			.contains("7 jours d&#39;essai");
	}
}

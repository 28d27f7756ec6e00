package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.shared.PageRequest;
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
 * The imports and exports screens through HTTP: an upload as the page's script sends it, the import's progress and
 * errors, the downloads, their audit trail, and who may do what.
 */
@IntegrationTest
class DataScreensIntegrationTest {

	static final String PASSWORD = "correct horse battery";
	/** Sanity: the background import of a few rows on a shared machine; a wait for it, not a timing. */
	static final Duration PATIENCE = Duration.ofMinutes(3);

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	AuditLog auditLog;

	TestTenant tenant;

	@BeforeEach
	void tenant() {
		tenant = tenants.create();
	}

	Screens as(Role role) {
		String email = role.code() + "-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, "Op " + role.code(), role, PASSWORD);
		return Screens.loggedIn(tenants.base(), email, PASSWORD);
	}

	boolean enrolled(String identifier) {
		return !tenant.api().get("/api/v1/members?identifier=" + identifier).json().get("items").isEmpty();
	}

	List<AuditEntry> audited(String action) {
		return auditLog.search(tenant.id(), new AuditSearch(null, null, null, action, null, null, null),
				PageRequest.of(50, null)).items();
	}

	/** Polls the import's progress as the page does, until an answer no longer polls; returns that answer. */
	static Page finished(Screens screens, String importPage) {
		Page[] last = new Page[1];
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			last[0] = screens.get(importPage + "/progress");
			assertThat(last[0].status()).as(last[0].toString()).isEqualTo(200);
			return !last[0].body().contains("hx-trigger");
		});
		return last[0];
	}

	@Test
	void importsMembersUploadedThroughTheScreenAndShowsTheErrorsLineByLine() {
		Screens manager = as(Role.MANAGER);
		Page data = manager.get("/admin/data");
		assertThat(data.body()).contains("id=\"upload\"").contains("id=\"columns-members\"")
			.contains("id=\"columns-transactions\"").contains("marketing_consent");

		Page accepted = manager.postBody("/admin/data/imports/members?fileName=clients.csv", "text/csv", """
				external_id,email,first_name
				c-1,ada@example.com,Ada
				c-2,not-an-email,Bob
				,,Nobody
				c-4,eve@example.com,Eve
				""");

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		String importPage = accepted.location();
		assertThat(importPage).startsWith("/admin/data/imports/");
		Page shown = manager.get(importPage);
		assertThat(shown.body()).contains("4 rows received").contains("clients.csv");
		Page done = finished(manager, importPage);
		assertThat(done.body()).contains("data-status=\"done\"").contains("max=\"4\"").contains("value=\"4\"")
			.contains("hx-swap-oob=\"true\"").contains("id=\"import-error-lines\"");
		Page afterwards = manager.get(importPage);
		assertThat(afterwards.body()).doesNotContain("hx-trigger").doesNotContain("hx-swap-oob");
		String errors = afterwards.body().substring(afterwards.body().indexOf("id=\"import-error-lines\""));
		assertThat(errors).contains("<td class=\"number\">3</td>").contains("<code>email</code>")
			.contains("<td class=\"number\">4</td>").contains("names no member");
		assertThat(enrolled("ada@example.com")).isTrue();
		assertThat(enrolled("eve@example.com")).isTrue();
		assertThat(manager.get("/admin/data").body()).contains("clients.csv").contains(importPage);
		List<AuditEntry> started = audited("import.started");
		assertThat(started).hasSize(1);
		assertThat(started.get(0).subjectId()).isEqualTo(importPage.substring(importPage.lastIndexOf('/') + 1));
		assertThat(started.get(0).summary()).contains("members").contains("clients.csv").contains("4 rows");
	}

	@Test
	void importsPastTransactionsAndPagesThroughManyErrors() {
		String member = tenant.enrol("""
				{"externalId": "cust-9"}""");
		StringBuilder csv = new StringBuilder("transaction_id,member,occurred_at,amount,currency\n");
		csv.append("t-good,cust-9,2024-03-01,40.00,EUR\n");
		for (int i = 0; i < 55; i++) {
			csv.append("t-bad-").append(i).append(",cust-9,2024-03-01,not-a-number,EUR\n");
		}
		Screens owner = as(Role.OWNER);
		owner.get("/admin/data");

		Page accepted = owner.postBody("/admin/data/imports/transactions", "text/csv", csv.toString());
		finished(owner, accepted.location());

		assertThat(tenant.available(member)).isEqualTo(40);
		Page first = owner.get(accepted.location());
		assertThat(first.body()).contains("55 rows were not imported").contains("id=\"next-errors\"")
			.contains("<td class=\"number\">52</td>").doesNotContain("<td class=\"number\">53</td>");
		String next = first.body().replaceAll("(?s).*id=\"next-errors\" href=\"([^\"]+)\".*", "$1")
			.replace("&amp;", "&");
		Page second = owner.get(next);
		assertThat(second.body()).contains("<td class=\"number\">53</td>").contains("<td class=\"number\">57</td>")
			.doesNotContain("<td class=\"number\">52</td>").doesNotContain("id=\"next-errors\"");
	}

	@Test
	void refusesAFileWhoseHeaderIsWrongOnTheDataPageAndStoresNothing() {
		Screens manager = as(Role.MANAGER);
		manager.get("/admin/data");

		Page refused = manager.postBody("/admin/data/imports/members", "text/csv", """
				customer,mail
				c-1,ada@example.com
				""");

		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith("/admin/data");
		Page back = manager.get(refused.location());
		assertThat(back.body()).contains("role=\"alert\"").contains("&#39;customer&#39; is not a column")
			.contains("No import yet.");
		assertThat(audited("import.started")).isEmpty();
	}

	@Test
	void requiresTheCsrfTokenForAnUpload() {
		Screens manager = as(Role.MANAGER);
		manager.get("/admin/data");

		Page forged = manager.postBodyWithToken("/admin/data/imports/members", "text/csv", """
				email
				forged@example.com
				""", null);

		assertThat(forged.status()).isEqualTo(403);
		assertThat(manager.get("/admin/data").body()).contains("No import yet.");
		assertThat(enrolled("forged@example.com")).isFalse();
	}

	@Test
	void letsAnAnalystAndAMarketerExportButNotImport() {
		String member = tenant.memberWith(25);
		Screens manager = as(Role.MANAGER);
		manager.get("/admin/data");
		String importPage = manager.postBody("/admin/data/imports/members", "text/csv", "email\nx@example.com\n")
			.location();

		for (Role role : new Role[] { Role.ANALYST, Role.MARKETER }) {
			Screens screens = as(role);
			Page data = screens.get("/admin/data");
			assertThat(data.status()).as(role.code()).isEqualTo(200);
			assertThat(data.body()).as(role.code()).doesNotContain("id=\"upload\"").doesNotContain("id=\"imports\"")
				.contains("id=\"export-members\"");
			assertThat(screens.postBody("/admin/data/imports/members", "text/csv", "email\ny@example.com\n")
				.status()).as(role.code()).isEqualTo(403);
			assertThat(screens.get(importPage).status()).as(role.code()).isEqualTo(403);
			Page export = screens.get("/admin/data/exports/members?program=points");
			assertThat(export.status()).as(role.code()).isEqualTo(200);
			assertThat(export.header("Content-Type")).as(role.code()).startsWith("text/csv");
			assertThat(export.body()).as(role.code()).contains(member);
			assertThat(screens.get("/admin/members/" + member).body()).contains("id=\"statement-export\"");
		}
		assertThat(enrolled("y@example.com")).isFalse();
		Screens cashier = new Screens(tenants.base());
		String cashierEmail = "cashier-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), cashierEmail, "Cash", Role.CASHIER, PASSWORD);
		cashier.logIn(cashierEmail, PASSWORD);
		assertThat(cashier.get("/admin/data").status()).isEqualTo(403);
		assertThat(cashier.get("/admin/data/exports/members").status()).isEqualTo(403);
	}

	@Test
	void downloadsMembersASegmentAndAStatementAndAuditsEachDownload() {
		String member = tenant.enrol("""
				{"firstName": "=HYPERLINK(1)", "email": "ines@example.com"}""");
		tenant.purchase(member, "t-" + UUID.randomUUID(), "30.00", java.time.Instant.now());
		Screens analyst = as(Role.ANALYST);

		Page members = analyst.get("/admin/data/exports/members");
		Page statement = analyst.get("/admin/data/exports/members/" + member + "/statement");
		Page segment = analyst.get("/admin/data/exports/segment?segment=champions");

		assertThat(members.header("Content-Disposition")).contains("members.csv");
		assertThat(members.body()).contains("ines@example.com").contains("'=HYPERLINK(1)").contains(",30,");
		assertThat(statement.header("Content-Disposition")).contains("statement-" + member + ".csv");
		assertThat(statement.body()).startsWith("\uFEFFtransaction_id,program,kind").contains(",30,");
		assertThat(segment.status()).isEqualTo(200);
		assertThat(segment.body()).startsWith("\uFEFFmember_id,");
		List<AuditEntry> downloads = audited("export.downloaded");
		assertThat(downloads).extracting(AuditEntry::summary)
			.containsExactlyInAnyOrder("members.csv", "statement-" + member + ".csv", "segment-champions.csv");
		assertThat(downloads).filteredOn(entry -> entry.subjectType().equals("member"))
			.extracting(AuditEntry::subjectId).containsExactly(member);
	}

	@Test
	void showsWhyAnExportWasRefusedAndAuditsNothing() {
		Screens analyst = as(Role.ANALYST);
		analyst.get("/admin/data");

		Page refused = analyst.get("/admin/data/exports/segment?segment=nobody");

		assertThat(refused.status()).isEqualTo(302);
		assertThat(analyst.get(refused.location()).body()).contains("role=\"alert\"").contains("No segment");
		assertThat(audited("export.downloaded")).isEmpty();
	}
}

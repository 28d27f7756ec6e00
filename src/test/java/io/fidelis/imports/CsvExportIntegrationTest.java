package io.fidelis.imports;

import static io.fidelis.imports.ImportIntegrationTest.imported;
import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * The CSV exports (members, a statement, a segment), read back as the imports read files: the members export of one
 * tenant imports into another as it is.
 */
@IntegrationTest
class CsvExportIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	/** The export's rows as column → field, in the order written. */
	private static List<Map<String, String>> export(Api api, String path) {
		Api.Response response = api.get(path);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("text/csv");
		assertThat(response.body()).startsWith("\uFEFF");
		CsvReader.Table table = CsvReader.read(CsvReader.decode(response.body().getBytes(StandardCharsets.UTF_8)));
		List<Map<String, String>> rows = new ArrayList<>();
		for (CsvReader.Row row : table.rows()) {
			Map<String, String> fields = new LinkedHashMap<>();
			for (int i = 0; i < table.header().size(); i++) {
				fields.put(table.header().get(i), row.fields().get(i));
			}
			rows.add(fields);
		}
		return rows;
	}

	private static Map<String, String> importable(Map<String, String> row) {
		Map<String, String> columns = new LinkedHashMap<>(row);
		columns.keySet().retainAll(ImportKind.MEMBERS.columns());
		return columns;
	}

	@Test
	void theMembersExportImportsIntoAnotherTenantAsItIs() {
		TestTenant shop = tenants.create();
		imported(shop.api(), "members", """
				external_id,email,phone,first_name,last_name,birth_date,locale,marketing_consent,labels
				m-1,ada@example.com,+33612345678,Ada,"Lovelace, Countess",1990-12-10,en,true,vip|newsletter
				m-2,,,"=HYPERLINK(\"\"http://evil\"\")",Doe,,fr,false,
				""");
		String ada = shop.api().get("/api/v1/members?identifier=m-1").text("/items/0/id");
		assertThat(shop.adjust(ada, "points", 120, "welcome back").status()).isEqualTo(201);

		List<Map<String, String>> exported = export(shop.api(), "/api/v1/exports/members");

		assertThat(exported).hasSize(2);
		Map<String, String> adaRow = exported.stream().filter(row -> row.get("external_id").equals("m-1")).findFirst()
			.orElseThrow();
		assertThat(adaRow).containsEntry("member_id", ada)
			.containsEntry("phone", "'+33612345678")
			.containsEntry("last_name", "Lovelace, Countess")
			.containsEntry("labels", "newsletter|vip")
			.containsEntry("program", "points")
			.containsEntry("available", "120")
			.containsEntry("pending", "0");
		assertThat(exported).anySatisfy(row -> assertThat(row.get("first_name")).isEqualTo("'=HYPERLINK(\"http://evil\")"));

		TestTenant copy = tenants.create();
		String file = shop.api().get("/api/v1/exports/members").body();
		JsonNode done = imported(copy.api(), "members", file);
		assertThat(done.get("rowsApplied").asInt()).as(done.toString()).isEqualTo(2);

		List<Map<String, String>> copied = export(copy.api(), "/api/v1/exports/members");
		assertThat(copied.stream().map(CsvExportIntegrationTest::importable).toList())
			.containsExactlyInAnyOrderElementsOf(exported.stream().map(CsvExportIntegrationTest::importable).toList());
		assertThat(copied).allSatisfy(row -> assertThat(row.get("available")).isEqualTo("0"));
	}

	@Test
	void aStatementExportHasEveryTransactionNewestFirstWithSignedChanges() {
		TestTenant shop = tenants.create();
		String member = shop.enrol("{\"email\": \"st@example.com\", \"locale\": \"fr\"}");
		for (int i = 0; i < 3; i++) {
			assertThat(shop.purchase(member, "st-" + i, "10.00", clock.instant()).status()).isEqualTo(201);
			clock.advance(Duration.ofSeconds(1));
		}
		assertThat(shop.giveBack("st-r", "st-2", "10.00", clock.instant()).status()).isEqualTo(201);

		List<Map<String, String>> lines = export(shop.api(), "/api/v1/exports/members/" + member + "/statement");

		JsonNode statement = shop.statement(member).get("items");
		assertThat(lines).hasSize(statement.size()).hasSize(4);
		for (int i = 0; i < lines.size(); i++) {
			assertThat(lines.get(i).get("transaction_id")).isEqualTo(statement.get(i).get("id").asString());
			assertThat(lines.get(i).get("available_change"))
				.isEqualTo(statement.get(i).get("amount").asString());
		}
		assertThat(lines.get(0).get("available_change")).isEqualTo("-10");
		assertThat(lines.get(3).get("reference")).isEqualTo("st-0");
		assertThat(lines.get(3).get("explanation")).isNotBlank();
		assertProblem(shop.api().get("/api/v1/exports/members/" + UUID.randomUUID() + "/statement"), 404,
				"/problems/member-not-found");
	}

	@Test
	void aSegmentExportListsItsMembersWithTheirScores() {
		TestTenant shop = tenants.create();
		String member = shop.enrol("{\"externalId\": \"seg-1\"}");
		assertThat(shop.purchase(member, "seg-p", "25.50", clock.instant()).status()).isEqualTo(201);
		assertThat(shop.api().post("/api/v1/segments:compute", "{}").status()).isEqualTo(200);
		String segment = shop.api().get("/api/v1/members/" + member + "/segment").text("/segment");

		List<Map<String, String>> rows = export(shop.api(), "/api/v1/exports/segments/" + segment + "/members");

		assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("member_id", member)
			.containsEntry("external_id", "seg-1")
			.containsEntry("segment", segment)
			.containsEntry("purchases", "1")
			.containsEntry("spent", "25.50"));
		assertProblem(shop.api().get("/api/v1/exports/segments/nobody/members"), 404, "/problems/segment-not-found");
	}
}

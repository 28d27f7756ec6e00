package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestDatabase;
import io.fidelis.support.TestTenants;

/** On PostgreSQL the database itself refuses to change or remove a posting: mistakes are fixed by new ones. */
@IntegrationTest
class PostingImmutabilityIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void postingsCannotBeUpdatedOrDeleted() {
		Assumptions.assumeTrue(TestDatabase.isPostgres(), "the trigger is PostgreSQL's");
		TestTenants.TestTenant tenant = tenants.create();
		String member = tenant.api().post("/api/v1/members", "{}").text("/id");
		assertThat(tenant.api()
			.post("/api/v1/members/" + member + "/adjustments",
					"{\"program\": \"points\", \"points\": 10, \"reason\": \"test\"}")
			.status()).isEqualTo(201);

		assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_posting SET amount = 1000 WHERE tenant_id = :tenant")
			.param("tenant", tenant.id().value())
			.update()).hasMessageContaining("immutable");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM ledger_posting WHERE tenant_id = :tenant")
			.param("tenant", tenant.id().value())
			.update()).hasMessageContaining("immutable");
	}
}

package io.fidelis.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.shared.Ids;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * Instances share imports through claims with a lease: one instance at a time holds an import, and an import whose
 * instance stopped is resumed by another once the lease has run out, without applying anything twice.
 */
@IntegrationTest
class ImportResumeIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	Imports imports;

	@Autowired
	ImportResumeJob job;

	/** An import of {@code rows} members stored as an upload stores it, but started by no instance. */
	private DataImport stored(TestTenant tenant, int rows) {
		StringBuilder csv = new StringBuilder("external_id\n");
		for (int i = 1; i <= rows; i++) {
			csv.append("r-").append(i).append('\n');
		}
		DataImport created = new DataImport(Ids.newId(clock), tenant.id(), ImportKind.MEMBERS, "resume.csv",
				ImportStatus.QUEUED, rows, 0, 0, 0, 0, null, clock.instant(), null, null);
		imports.create(created, null, csv.toString());
		return created;
	}

	@Test
	void oneInstanceAtATimeHoldsAnImport() {
		DataImport stored = stored(tenants.create(), 1);

		assertThat(imports.claim(stored.id(), "a", clock.instant(), clock.instant().plus(ImportProcessor.LEASE)))
			.isPresent();
		assertThat(imports.claim(stored.id(), "b", clock.instant(), clock.instant().plus(ImportProcessor.LEASE)))
			.isEmpty();
		assertThat(imports.progress(stored.tenant(), stored.id(), "b",
				new Imports.Progress(1, 1, 0, 0, List.of()), clock.instant().plus(ImportProcessor.LEASE))).isFalse();
	}

	@Test
	void anImportWhoseInstanceStoppedIsResumedAfterItsLeaseWithoutApplyingRowsTwice() {
		TestTenant tenant = tenants.create();
		DataImport stored = stored(tenant, 250);
		imports.claim(stored.id(), "stopped", clock.instant(), clock.instant().plus(ImportProcessor.LEASE));
		// What the stopped instance applied of its first chunk before it stopped, unrecorded.
		tenant.enrol("{\"externalId\": \"r-1\"}");
		tenant.enrol("{\"externalId\": \"r-2\"}");

		job.run(clock.instant());
		assertThat(imports.find(tenant.id(), stored.id()).orElseThrow().rowsProcessed()).isZero();

		clock.advance(ImportProcessor.LEASE.plusSeconds(1));
		job.run(clock.instant());

		DataImport done = imports.find(tenant.id(), stored.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ImportStatus.DONE);
		assertThat(done.rowsProcessed()).isEqualTo(250);
		assertThat(done.rowsApplied()).isEqualTo(248);
		assertThat(done.rowsSkipped()).isEqualTo(2);
		assertThat(imports.progress(tenant.id(), stored.id(), "stopped",
				new Imports.Progress(100, 100, 0, 0, List.of()), clock.instant().plus(ImportProcessor.LEASE)))
			.isFalse();
		assertThat(tenant.api().get("/api/v1/members?limit=200").json().get("nextCursor").isNull()).isFalse();
		assertThat(tenant.api().get("/api/v1/members?identifier=r-250").json().get("items")).hasSize(1);
	}

	@Test
	void anImportThatKeepsFailingForTheServicesSakeIsGivenUp() {
		TestTenant tenant = tenants.create();
		DataImport stored = stored(tenant, 1);
		for (int attempt = 1; attempt <= ImportProcessor.MAX_ATTEMPTS; attempt++) {
			imports.claim(stored.id(), "crashing-" + attempt, clock.instant(),
					clock.instant().plus(ImportProcessor.LEASE));
			clock.advance(ImportProcessor.LEASE.plusSeconds(1));
		}

		job.run(clock.instant());

		DataImport failed = imports.find(tenant.id(), stored.id()).orElseThrow();
		assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(failed.failure()).contains("failed 5 times");
		assertThat(failed.rowsProcessed()).isZero();
	}
}

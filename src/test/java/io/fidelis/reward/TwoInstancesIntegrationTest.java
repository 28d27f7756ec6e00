package io.fidelis.reward;

import static io.fidelis.support.Problems.assertRaceWon;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.ServiceProcess;
import io.fidelis.support.TestDatabase;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * Two service processes on one PostgreSQL database, behind no balancer, with clients alternating between them:
 * redemptions of one member, a reward's last units and one voucher's burns still have exact outcomes, and the ledger
 * reconciles. The processes share nothing but the database, so this holds only because what decides is there (row
 * locks, conditional updates), never in one process's memory. PostgreSQL only: on H2 each process would have a
 * database file of its own.
 */
@EnabledIf(value = "io.fidelis.support.TestDatabase#isPostgres",
		disabledReason = "one database for two processes: runs in the PostgreSQL suite")
class TwoInstancesIntegrationTest {

	private static final String KEY = ServiceProcess.newKey();
	private static final String TENANT = "two-instances-" + UUID.randomUUID().toString().substring(0, 8);

	private static final List<Path> dataDirs = new ArrayList<>();
	private static final List<ServiceProcess> processes = new ArrayList<>();
	/** The bootstrap tenant as each process serves it; request {@code i} goes to {@code doors.get(i % 2)}. */
	private static final List<TestTenant> doors = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		// At once on an empty database, as instances behind a balancer start: both set the schema up, Flyway under its
		// lock. (Before its table was a migration, Spring Modulith created it at every start, and two starts at the
		// same moment could fail one of them: a race reproduced with psql, which this start does not always hit.)
		String database = TestDatabase.newPostgres();
		List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
		for (int instance = 0; instance < 2; instance++) {
			Path dataDir = Files.createTempDirectory("fidelis-instance-" + instance);
			dataDirs.add(dataDir);
			starting.add(CompletableFuture.supplyAsync(() -> {
				try {
					return ServiceProcess.start(dataDir, TENANT, KEY,
							Map.of("FIDELIS_DB_URL", database, "FIDELIS_DB_USER", "postgres"));
				}
				catch (IOException | InterruptedException failed) {
					throw new IllegalStateException(failed);
				}
			}));
		}
		for (CompletableFuture<ServiceProcess> process : starting) {
			processes.add(process.get());
			// The tenant's id serves tests that call the modules directly; these go through HTTP only.
			doors.add(new TestTenant(null, process.get().api()));
		}
	}

	@AfterAll
	static void stop() throws IOException, InterruptedException {
		for (ServiceProcess process : processes) {
			process.stop();
		}
		for (Path dataDir : dataDirs) {
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
			}
		}
	}

	private static TestTenant door(int request) {
		return doors.get(request % 2);
	}

	/** A discount reward of this code, created through one process, to be redeemed through both. */
	private static String reward(String code, int cost, int stock) {
		Api.Response created = door(0).api().post(RewardCatalogIntegrationTest.REWARDS, """
				{"code": "%s", "type": "discount_voucher", "cost": %d, "stock": %d,
				 "discount": {"kind": "fixed", "amount": "5.00"}, "texts": {"en": {"name": "5 EUR off"}}}"""
			.formatted(code, cost, stock));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return "{\"reward\": \"" + code + "\"}";
	}

	@Test
	void oneMembersRedemptionsThroughBothProcessesNeverOverdraw() throws Exception {
		String redemption = reward("overdraw", 100, 1000);
		String member = door(1).memberWith(950);

		List<Api.Response> answers = AtOnce.send(20,
				i -> door(i).api().post(RedemptionIntegrationTest.redemptions(member), redemption));

		assertRaceWon(answers, 201, 9, 422, "/problems/insufficient-points");
		assertThat(door(0).available(member)).isEqualTo(50);
		assertThat(door(1).available(member)).isEqualTo(50);
		door(0).assertBalanced();
	}

	@Test
	void membersRacingThroughBothProcessesForTheLastUnitsGetExactlyTheStock() throws Exception {
		String redemption = reward("last-units", 100, 5);
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			members.add(door(i).memberWith(100));
		}

		List<Api.Response> answers = AtOnce.send(20,
				i -> door(i).api().post(RedemptionIntegrationTest.redemptions(members.get(i)), redemption));

		assertRaceWon(answers, 201, 5, 422, "/problems/out-of-stock");
		for (int i = 0; i < 20; i++) {
			assertThat(door(i + 1).available(members.get(i))).as(answers.get(i).toString())
				.isEqualTo(answers.get(i).status() == 201 ? 0 : 100);
		}
		assertThat(door(1).api().get(RewardCatalogIntegrationTest.REWARDS + "/last-units").number("/issued"))
			.isEqualTo(5);
		door(1).assertBalanced();
	}

	@Test
	void tillsOnBothProcessesBurnAVoucherOnce() throws Exception {
		String redemption = reward("burnt-once", 100, 10);
		String member = door(0).memberWith(100);
		Api.Response redeemed = door(1).api().post(RedemptionIntegrationTest.redemptions(member), redemption);
		assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
		String code = redeemed.text("/vouchers/0/code");

		List<Api.Response> answers = AtOnce.send(20, i -> door(i).api()
			.post("/api/v1/vouchers/" + code + "/redeem", RedemptionIntegrationTest.basket("30.00", "[]")));

		assertRaceWon(answers, 200, 1, 409, "/problems/voucher-redeemed");
		assertThat(door(0).api().get("/api/v1/vouchers/" + code).text("/status")).isEqualTo("redeemed");
		assertThat(door(1).available(member)).isZero();
		door(0).assertBalanced();
	}
}

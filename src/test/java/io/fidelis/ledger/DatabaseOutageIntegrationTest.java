package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fidelis.support.Api;
import io.fidelis.support.CuttableProxy;
import io.fidelis.support.ServiceProcess;
import io.fidelis.support.TestDatabase;

/**
 * PostgreSQL gone for a few seconds under a load of purchases (its connections cut by a proxy): while it is gone the
 * service answers 503, never 500; it recovers by itself; and nothing it acknowledged is lost — a replay of every
 * purchase finds each acknowledged one kept and earns each once.
 */
class DatabaseOutageIntegrationTest {

	private static final int MEMBERS = 10;
	private static final int CLIENTS = 4;
	private static final long LOAD_MILLIS = 12_000;
	private static final long OUTAGE_STARTS_MILLIS = 3_000;
	private static final long OUTAGE_MILLIS = 4_000;

	@Test
	void theServiceAnswers503WhileTheDatabaseIsGoneAndLosesNothing() throws Exception {
		assumeTrue(TestDatabase.postgresUrl().isPresent(), "a fault of PostgreSQL: runs in the PostgreSQL suite");
		URI database = URI.create(TestDatabase.postgresUrl().get().substring("jdbc:".length()));
		Path dataDir = Files.createTempDirectory("fidelis-outage");
		String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		String key = ServiceProcess.newKey();
		try (CuttableProxy proxy = new CuttableProxy(database.getHost(), database.getPort())) {
			String proxied = TestDatabase.postgresUrl().get()
				.replace(database.getHost() + ":" + database.getPort(), "127.0.0.1:" + proxy.port());
			ServiceProcess service = ServiceProcess.start(dataDir, tenant, key,
					Map.of("FIDELIS_DB_URL", proxied, "FIDELIS_DB_USER", "postgres"));
			try {
				for (int member = 0; member < MEMBERS; member++) {
					assertThat(service.api().post("/api/v1/members", "{\"externalId\": \"m-" + member + "\"}")
						.status()).isEqualTo(201);
				}
				List<String> sent = new ArrayList<>();
				Map<String, Integer> answers = new ConcurrentHashMap<>();
				Set<String> acknowledged = ConcurrentHashMap.newKeySet();
				ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
				long started = System.currentTimeMillis();
				List<Future<List<String>>> load = new ArrayList<>();
				for (int c = 0; c < CLIENTS; c++) {
					int client = c;
					load.add(clients.submit(() -> {
						List<String> mine = new ArrayList<>();
						for (int i = 0; System.currentTimeMillis() - started < LOAD_MILLIS; i++) {
							String purchase = purchase(tenant, client, i);
							mine.add(purchase);
							int status = service.api().post("/api/v1/events", purchase, null).status();
							answers.merge(Integer.toString(status), 1, Integer::sum);
							if (status == 201) {
								acknowledged.add(purchase);
							}
							if (status != 201 && status != 503) {
								throw new AssertionError("answered " + status + " to " + purchase);
							}
						}
						return mine;
					}));
				}
				Thread.sleep(OUTAGE_STARTS_MILLIS);
				proxy.cut();
				Thread.sleep(OUTAGE_MILLIS);
				proxy.restore();
				for (Future<List<String>> client : load) {
					sent.addAll(client.get(60, TimeUnit.SECONDS));
				}
				clients.shutdown();

				assertThat(answers).as("answers during the load").containsKeys("201", "503").containsOnlyKeys("201",
						"503");
				Map<Integer, Long> expected = new HashMap<>();
				for (String purchase : sent) {
					Api.Response replayed = service.api().post("/api/v1/events", purchase, null);
					assertThat(replayed.status()).as(replayed.toString()).isIn(200, 201);
					if (acknowledged.contains(purchase)) {
						assertThat(replayed.header("Idempotent-Replayed")).as("acknowledged, so kept").isEqualTo("true");
					}
					expected.merge(member(purchase), points(purchase), Long::sum);
				}
				for (int member = 0; member < MEMBERS; member++) {
					String id = service.api().get("/api/v1/members?identifier=m-" + member).text("/items/0/id");
					assertThat(service.api().get("/api/v1/members/" + id + "/balances").number("/0/available"))
						.as("member " + member).isEqualTo(expected.getOrDefault(member, 0L));
				}
				assertThat(service.api().get("/api/v1/programs/points/reconciliation").text("/balanced"))
					.isEqualTo("true");
			}
			finally {
				service.stop();
				// The service's log, for a failure to be read: target/outage-service.log.
				Files.copy(dataDir.resolve("service.log"), Path.of("target", "outage-service.log"),
						StandardCopyOption.REPLACE_EXISTING);
				try (Stream<Path> files = Files.walk(dataDir)) {
					files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
				}
			}
		}
	}

	/** A purchase of a whole number of euros, so that it earns exactly that many points under the base rule. */
	private static String purchase(String tenant, int client, int i) {
		int member = (client * 31 + i) % MEMBERS;
		int euros = 1 + (client * 17 + i * 7) % 90;
		return """
				{"type": "purchase", "transactionId": "%s-%d-%d", "member": {"externalId": "m-%d"},
				 "occurredAt": "%s", "amount": "%d.00", "currency": "EUR"}"""
			.formatted(tenant, client, i, member, Instant.now(), euros);
	}

	private static int member(String purchase) {
		return Integer.parseInt(purchase.replaceAll("(?s).*\"externalId\": \"m-(\\d+)\".*", "$1"));
	}

	private static long points(String purchase) {
		return Long.parseLong(purchase.replaceAll("(?s).*\"amount\": \"(\\d+)\\.00\".*", "$1"));
	}
}

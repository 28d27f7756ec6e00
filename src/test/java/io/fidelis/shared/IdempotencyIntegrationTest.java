package io.fidelis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** A request is applied once per idempotency key, whatever the retries and however many arrive at once. */
@IntegrationTest
class IdempotencyIntegrationTest {

	private static final int THREADS = 20;

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void replayedEventReturnsTheFirstAnswerAndEarnsOnce() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		Instant occurredAt = clock.instant();

		Api.Response first = tenant.purchase(memberId, "sale-1", "49.90", occurredAt);
		Api.Response replay = tenant.purchase(memberId, "sale-1", "49.90", occurredAt);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(tenant.available(memberId)).isEqualTo(49);
		assertThat(tenant.statement(memberId, "?limit=200").get("items")).hasSize(1);
		tenant.assertBalanced();
	}

	@Test
	void replayedAdjustmentReturnsTheFirstAnswerAndMovesPointsOnce() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		String key = UUID.randomUUID().toString();

		Api.Response first = adjust(tenant, memberId, 30, key);
		Api.Response replay = adjust(tenant, memberId, 30, key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(tenant.available(memberId)).isEqualTo(30);
	}

	@Test
	void sameTransactionIdWithAnotherAmountIsAConflict() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		assertThat(tenant.purchase(memberId, "sale-1", "49.90", clock.instant()).status()).isEqualTo(201);

		Api.Response conflict = tenant.purchase(memberId, "sale-1", "59.90", clock.instant());

		assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
		assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
		assertThat(conflict.text("/type")).isEqualTo("/problems/idempotency-key-reused");
		assertThat(tenant.available(memberId)).isEqualTo(49);
		assertThat(tenant.statement(memberId, "?limit=200").get("items")).hasSize(1);
	}

	@Test
	void sameIdempotencyKeyOnAnotherEndpointIsAConflict() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		String key = UUID.randomUUID().toString();
		assertThat(adjust(tenant, memberId, 30, key).status()).isEqualTo(201);

		Api.Response conflict = tenant.api().post("/api/v1/members", "{\"email\": \"bob@example.com\"}", key);

		assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
		assertThat(conflict.text("/type")).isEqualTo("/problems/idempotency-key-reused");
	}

	@Test
	void refusedRequestDoesNotConsumeItsKey() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		String key = UUID.randomUUID().toString();

		Api.Response refused = adjust(tenant, memberId, -50, key);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.text("/type")).isEqualTo("/problems/insufficient-points");
		assertThat(adjust(tenant, memberId, 80, UUID.randomUUID().toString()).status()).isEqualTo(201);
		Api.Response retried = adjust(tenant, memberId, -50, key);

		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isNull();
		assertThat(tenant.available(memberId)).isEqualTo(30);
		tenant.assertBalanced();
	}

	@Test
	void refusedReturnDoesNotConsumeItsTransactionId() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		assertThat(tenant.purchase(memberId, "sale-1", "20.00", clock.instant()).status()).isEqualTo(201);

		Api.Response refused = tenant.giveBack("ret-1", "sale-1", "25.00", clock.instant());
		Api.Response retried = tenant.giveBack("ret-1", "sale-1", "5.00", clock.instant());

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isNull();
		assertThat(tenant.available(memberId)).isEqualTo(15);
		tenant.assertBalanced();
	}

	@Test
	void concurrentIdenticalPurchasesEarnOnceAndAllGetTheSameAnswer() throws Exception {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		Instant occurredAt = clock.instant();

		List<Api.Response> responses = atOnce(() -> tenant.purchase(memberId, "sale-1", "42.00", occurredAt));

		assertThat(responses).allSatisfy(response -> {
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			assertThat(response.json()).isEqualTo(responses.get(0).json());
		});
		assertThat(responses.stream().filter(response -> response.header("Idempotent-Replayed") == null))
			.as("exactly one request did the work")
			.hasSize(1);
		assertThat(tenant.available(memberId)).isEqualTo(42);
		assertThat(tenant.statement(memberId, "?limit=200").get("items")).hasSize(1);
		tenant.assertBalanced();
	}

	@Test
	void concurrentDebitsNeverOverdraw() throws Exception {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		assertThat(adjust(tenant, memberId, 95, UUID.randomUUID().toString()).status()).isEqualTo(201);

		List<Api.Response> responses = atOnce(() -> adjust(tenant, memberId, -10, UUID.randomUUID().toString()));

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
			.isIn(201, 422));
		assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(9);
		assertThat(responses.stream().filter(response -> response.status() == 422)).hasSize(THREADS - 9)
			.allSatisfy(response -> assertThat(response.text("/type")).isEqualTo("/problems/insufficient-points"));
		assertThat(responses.stream().filter(response -> response.status() == 201))
			.allSatisfy(response -> assertThat(response.number("/available")).isBetween(5L, 85L));
		assertThat(tenant.available(memberId)).isEqualTo(5);
		assertThat(tenant.statement(memberId, "?limit=200").get("items")).hasSize(10);
		tenant.assertBalanced();
	}

	@Test
	void concurrentReturnsOfOnePurchaseNeverRefundMoreThanIt() throws Exception {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		assertThat(tenant.purchase(memberId, "sale-1", "100.00", clock.instant()).status()).isEqualTo(201);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			ids.add("ret-" + i);
		}
		List<String> pending = new ArrayList<>(ids);

		List<Api.Response> responses = atOnce(() -> {
			String id;
			synchronized (pending) {
				id = pending.remove(0);
			}
			return tenant.giveBack(id, "sale-1", "15.00", clock.instant());
		});

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
			.isIn(201, 422));
		assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(6);
		assertThat(tenant.available(memberId)).isEqualTo(100 - 90);
		tenant.assertBalanced();
	}

	private static List<Api.Response> atOnce(Supplier<Api.Response> request) throws Exception {
		return AtOnce.send(THREADS, i -> request.get());
	}

	private static Api.Response adjust(TestTenant tenant, String memberId, long points, String key) {
		return tenant.api().post("/api/v1/members/" + memberId + "/adjustments", """
				{"program": "points", "points": %d, "reason": "test"}""".formatted(points), key);
	}
}

package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;

/**
 * Property tests of the ledger: random sequences of purchases, returns, adjustments, expiry and activation runs and
 * time steps, each sequence from a seed (a failure names it, and the same seed replays it), run through the API.
 * After every step the reconciliation must find nothing: the program sums to zero, every balance equals its
 * postings and its totals, lots hold exactly what the balance holds and are never negative, and no balance is
 * negative unless the program allows it. Where the program has neither pending points nor expiry, a model of the
 * rules also predicts every answer and every balance exactly.
 */
@IntegrationTest
class LedgerInvariantsIntegrationTest {

	private static final int STEPS = 30;
	private static final String[] MEMBERS = { "A", "B", "C" };

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	static LongStream seeds() {
		return LongStream.rangeClosed(1, 24);
	}

	/** The programs the sequences run on; the first two are predicted exactly by {@link Model}. */
	private static final String[] PROGRAMS = { "{}", "{\"allowNegativeBalance\": true}",
			"{\"pendingDays\": 7}",
			"{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}, \"allowNegativeBalance\": true}",
			"{\"pendingDays\": 20, \"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}" };

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void randomSequencesKeepEveryInvariant(long seed) {
		Random random = new Random(seed);
		Api api = tenants.create().api();
		int programIndex = (int) (seed % PROGRAMS.length);
		assertThat(api.patch("/api/v1/programs/points", PROGRAMS[programIndex]).status()).isEqualTo(200);
		boolean predictable = programIndex < 2;
		boolean negativeAllowed = PROGRAMS[programIndex].contains("allowNegativeBalance");
		Model model = new Model(negativeAllowed);
		Map<String, String> memberIds = new HashMap<>();
		for (String member : MEMBERS) {
			memberIds.put(member, api.post("/api/v1/members", "{}").text("/id"));
		}
		List<String> history = new ArrayList<>();
		for (int step = 0; step < STEPS; step++) {
			String member = MEMBERS[random.nextInt(MEMBERS.length)];
			String memberId = memberIds.get(member);
			int choice = random.nextInt(100);
			Api.Response response;
			Integer predicted = null;
			String description;
			if (choice < 35 || model.purchases.isEmpty()) {
				long amount = 1 + random.nextInt(20_000);
				String id = "sale-" + step;
				description = "earn " + member + " " + amount;
				response = api.post("/api/v1/events", """
						{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
						 "amount": %s, "currency": "EUR"}""".formatted(id, memberId, clock.instant(), cents(amount)),
						null);
				predicted = model.earn(id, member, amount);
			}
			else if (choice < 55) {
				String purchase = model.purchaseIds().get(random.nextInt(model.purchases.size()));
				long left = model.purchases.get(purchase).amount - model.purchases.get(purchase).refunded;
				long refund = random.nextInt(10) == 0 ? left + 1 : 1 + (long) (random.nextDouble() * Math.max(left, 1));
				description = "return " + purchase + " " + refund;
				response = api.post("/api/v1/events", """
						{"type": "return", "transactionId": "return-%d", "originalTransactionId": "%s",
						 "occurredAt": "%s", "amount": %s, "currency": "EUR"}"""
					.formatted(step, purchase, clock.instant(), cents(refund)), null);
				predicted = model.refund(purchase, refund);
			}
			else if (choice < 75) {
				long points = random.nextInt(3) == 0 ? 1 + random.nextInt(50) : -(1 + random.nextInt(150));
				description = "adjust " + member + " " + points;
				response = api.post("/api/v1/members/" + memberId + "/adjustments",
						"{\"program\": \"points\", \"points\": %d, \"reason\": \"property\"}".formatted(points));
				predicted = model.adjust(member, points);
			}
			else if (choice < 87) {
				long days = 1 + random.nextInt(20);
				description = "tick " + days;
				clock.advance(Duration.ofDays(days));
				response = null;
			}
			else if (choice < 94) {
				description = "expire";
				response = api.post("/api/v1/programs/points/expiry-runs", null);
				predicted = 201;
			}
			else {
				description = "activate";
				response = api.post("/api/v1/programs/points/activation-runs", null);
				predicted = 201;
			}
			history.add(description + (response == null ? "" : " -> " + response.status()));
			String context = "seed " + seed + ", program " + PROGRAMS[programIndex] + ", steps " + history;
			if (response != null) {
				assertThat(response.status()).as(context + ": " + response).isBetween(200, 499);
				if (predictable || description.startsWith("earn") || description.startsWith("expire")) {
					assertThat(response.status()).as(context + ": " + response).isEqualTo(predicted);
				}
				else if (response.status() != predicted) {
					// Pending points or expiry changed what was spendable: follow what the ledger decided.
					model.resync(member, api.get("/api/v1/members/" + memberId + "/balances").number("/0/available"));
				}
			}
			Api.Response report = api.get("/api/v1/programs/points/reconciliation");
			assertThat(report.text("/balanced")).as(context + ": " + report).isEqualTo("true");
		}
		for (String member : MEMBERS) {
			Api.Response balances = api.get("/api/v1/members/" + memberIds.get(member) + "/balances");
			long available = balances.number("/0/available");
			long pending = balances.number("/0/pending");
			assertThat(pending).as("seed " + seed).isNotNegative();
			if (!negativeAllowed) {
				assertThat(available).as("seed " + seed).isNotNegative();
			}
			if (predictable) {
				assertThat(available).as("seed %d, member %s, steps %s", seed, member, history)
					.isEqualTo(model.available.getOrDefault(member, 0L));
			}
		}
	}

	private static String cents(long minor) {
		return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
	}

	/**
	 * What the rules say should happen, for a program where earned points are available at once and never expire:
	 * one point per whole euro, returns take back their cumulative share rounded down, debits never overdraw.
	 */
	private static final class Model {

		private final boolean negativeAllowed;
		private final Map<String, Long> available = new HashMap<>();
		private final Map<String, Purchase> purchases = new HashMap<>();

		Model(boolean negativeAllowed) {
			this.negativeAllowed = negativeAllowed;
		}

		private static final class Purchase {

			final String member;
			final long amount;
			final long earned;
			long refunded;

			Purchase(String member, long amount) {
				this.member = member;
				this.amount = amount;
				this.earned = amount / 100;
			}
		}

		List<String> purchaseIds() {
			return purchases.keySet().stream().sorted().toList();
		}

		int earn(String id, String member, long amount) {
			Purchase purchase = new Purchase(member, amount);
			purchases.put(id, purchase);
			available.merge(member, purchase.earned, Long::sum);
			return 201;
		}

		int refund(String id, long refund) {
			Purchase purchase = purchases.get(id);
			if (purchase.refunded + refund > purchase.amount) {
				return 422;
			}
			long share = purchase.earned * (purchase.refunded + refund) / purchase.amount
					- purchase.earned * purchase.refunded / purchase.amount;
			purchase.refunded += refund;
			long balance = available.getOrDefault(purchase.member, 0L);
			long taken = negativeAllowed ? share : Math.min(share, Math.max(0, balance));
			available.put(purchase.member, balance - taken);
			return 201;
		}

		int adjust(String member, long points) {
			long balance = available.getOrDefault(member, 0L);
			if (points < 0 && -points > balance) {
				return 422;
			}
			available.put(member, balance + points);
			return 201;
		}

		void resync(String member, long actualAvailable) {
			available.put(member, actualAvailable);
		}
	}
}

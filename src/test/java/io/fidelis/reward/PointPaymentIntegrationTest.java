package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Problems;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * Paying with points at a checkout, end to end: the discount at the program's unit value, the program's terms,
 * held payments captured or released at the till, refunds, and every refusal.
 */
@IntegrationTest
class PointPaymentIntegrationTest {

	static final String TERMS = "/api/v1/programs/points/point-payment-terms";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	static String payments(String member) {
		return "/api/v1/members/" + member + "/point-payments";
	}

	static String payment(String points, String amount) {
		return """
				{"program": "points", "amount": "%s", "currency": "EUR", %s"store": "paris-1", "reference": "till-7"}"""
			.formatted(amount, points == null ? "" : "\"points\": " + points + ", ");
	}

	private static Api.Response paid(TestTenant tenant, String member, String json) {
		Api.Response answer = tenant.api().post(payments(member), json);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		return answer;
	}

	@Test
	void pointsPayPartOfABasketAtTheProgramsUnitValueAndShowOnTheStatement() {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(1200);
		clock.advance(Duration.ofSeconds(1));

		Api.Response payment = paid(tenant, member, payment("500", "49.90"));

		assertThat(payment.text("/status")).isEqualTo("paid");
		assertThat(payment.number("/points")).isEqualTo(500);
		assertThat(payment.text("/amount")).isEqualTo("49.90");
		assertThat(payment.text("/discount")).isEqualTo("5.00");
		assertThat(payment.text("/toPay")).isEqualTo("44.90");
		assertThat(payment.text("/currency")).isEqualTo("EUR");
		assertThat(payment.text("/store")).isEqualTo("paris-1");
		assertThat(payment.text("/reference")).isEqualTo("till-7");
		assertThat(payment.number("/available")).isEqualTo(700);
		assertThat(tenant.available(member)).isEqualTo(700);
		assertThat(tenant.statement(member).at("/items/0/kind").asString()).isEqualTo("redemption");
		assertThat(tenant.statement(member).at("/items/0/explanation/text").asString())
			.isEqualTo("500 points paid at checkout: 5.00 EUR off your purchase of 49.90 EUR");

		Api.Response read = tenant.api().get("/api/v1/point-payments/" + payment.text("/id"));
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.text("/discount")).isEqualTo("5.00");
		assertThat(read.text("/transactionId")).isEqualTo(payment.text("/transactionId"));
		assertThat(read.json().get("available").isNull()).isTrue();
		tenant.assertBalanced();
	}

	@Test
	void withoutPointsTheMostTheTermsAndTheBalanceAllowIsUsed() {
		TestTenant tenant = tenants.create();
		Api.Response terms = tenant.api().put(TERMS, "{\"minPoints\": 100, \"maxSharePercent\": 50}");
		assertThat(terms.status()).as(terms.toString()).isEqualTo(200);
		assertThat(tenant.api().get(TERMS).number("/maxSharePercent")).isEqualTo(50);
		String rich = tenant.memberWith(5000);
		String poor = tenant.memberWith(2000);

		Api.Response capped = paid(tenant, rich, payment(null, "49.90"));
		Api.Response everything = paid(tenant, poor, payment(null, "49.90"));

		assertThat(capped.number("/points")).isEqualTo(2495);
		assertThat(capped.text("/discount")).isEqualTo("24.95");
		assertThat(capped.text("/toPay")).isEqualTo("24.95");
		assertThat(everything.number("/points")).isEqualTo(2000);
		assertThat(everything.text("/discount")).isEqualTo("20.00");
		assertThat(tenant.available(rich)).isEqualTo(2505);
		assertThat(tenant.available(poor)).isZero();
		assertProblem(tenant.api().post(payments(poor), payment(null, "49.90")), 422, "/problems/insufficient-points");
		tenant.assertBalanced();
	}

	@Test
	void noPointIsChargedForAFractionOfACent() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post("/api/v1/programs", """
				{"code": "tiny", "name": "Tiny points", "currency": "EUR", "unitValue": "0.004"}""").status())
			.isEqualTo(201);
		String member = tenant.enrol("{}");
		assertThat(tenant.adjust(member, "tiny", 100, "test balance").status()).isEqualTo(201);

		Api.Response payment = paid(tenant, member, """
				{"program": "tiny", "amount": "10.00", "currency": "EUR", "points": 11}""");

		assertThat(payment.text("/discount")).isEqualTo("0.04");
		assertThat(payment.number("/points")).isEqualTo(10);
		assertThat(tenant.balance(member, "tiny").get("available").asLong()).isEqualTo(90);
		assertProblem(tenant.api().post(payments(member), """
				{"program": "tiny", "amount": "10.00", "currency": "EUR", "points": 2}"""), 422,
				"/problems/point-payment-below-minimum");
		assertThat(tenant.balance(member, "tiny").get("available").asLong()).isEqualTo(90);
	}

	@Test
	void aCashbackWalletIsSpentPartlyLikeAGiftCard() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post("/api/v1/programs", """
				{"code": "wallet", "name": "Cashback", "kind": "cashback", "currency": "EUR", "unitValue": "0.01"}""")
			.status()).isEqualTo(201);
		String member = tenant.enrol("{\"locale\": \"fr\"}");
		assertThat(tenant.adjust(member, "wallet", 1250, "test balance").status()).isEqualTo(201);
		String wallet = """
				{"program": "wallet", "amount": "%s", "currency": "EUR"}""";

		Api.Response first = paid(tenant, member, wallet.formatted("8.40"));
		clock.advance(Duration.ofSeconds(1));
		Api.Response second = paid(tenant, member, wallet.formatted("30.00"));

		assertThat(first.text("/discount")).isEqualTo("8.40");
		assertThat(first.text("/toPay")).isEqualTo("0.00");
		assertThat(second.text("/discount")).isEqualTo("4.10");
		assertThat(second.text("/toPay")).isEqualTo("25.90");
		assertThat(tenant.balance(member, "wallet").get("available").asLong()).isZero();
		assertThat(tenant.statement(member).at("/items/0/explanation/text").asString())
			.isEqualTo("410 de crédit utilisés en caisse : 4.10 EUR de remise sur votre achat de 30.00 EUR");
		Api.Response reconciliation = tenant.api().get("/api/v1/programs/wallet/reconciliation");
		assertThat(reconciliation.json().get("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
	}

	@Test
	void theProgramsTermsBoundEachPayment() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().get(TERMS).json().toString())
			.isEqualTo("{\"program\":\"points\",\"minPoints\":1,\"maxSharePercent\":100,\"updatedAt\":null}");
		assertThat(tenant.api().put(TERMS, "{\"minPoints\": 200, \"maxSharePercent\": 30}").status()).isEqualTo(200);
		String member = tenant.memberWith(1000);

		assertProblem(tenant.api().post(payments(member), payment("199", "100.00")), 422,
				"/problems/point-payment-below-minimum");
		assertProblem(tenant.api().post(payments(member), payment("301", "10.00")), 422,
				"/problems/point-payment-above-max-share");
		assertProblem(tenant.api().post(payments(member), payment(null, "5.00")), 422,
				"/problems/point-payment-below-minimum");
		assertThat(paid(tenant, member, payment("300", "10.00")).text("/toPay")).isEqualTo("7.00");

		Api.Response reset = tenant.api().put(TERMS, "{}");
		assertThat(reset.number("/minPoints")).isEqualTo(1);
		assertThat(reset.number("/maxSharePercent")).isEqualTo(100);
		assertThat(paid(tenant, member, payment("700", "7.00")).text("/toPay")).isEqualTo("0.00");
		assertThat(tenant.available(member)).isZero();
		tenant.assertBalanced();
	}

	@Test
	void refusesBadTerms() {
		TestTenant tenant = tenants.create();
		assertThat(Problems.fields(tenant.api().put(TERMS, "{\"maxSharePercent\": 0}"))).containsExactly(
				"maxSharePercent");
		assertThat(Problems.fields(tenant.api().put(TERMS, "{\"maxSharePercent\": 101}"))).containsExactly(
				"maxSharePercent");
		assertThat(Problems.fields(tenant.api().put(TERMS, "{\"minPoints\": 0}"))).containsExactly("minPoints");
		assertProblem(tenant.api().put(TERMS, "{\"minPoints\": 1.5}"), 400, "/problems/invalid-request");
		assertProblem(tenant.api().put("/api/v1/programs/nope/point-payment-terms", "{}"), 404,
				"/problems/program-not-found");
		assertThat(tenant.api().get(TERMS).json().get("updatedAt").isNull()).isTrue();
	}

	@Test
	void aHeldPaymentIsCapturedOrReleasedThroughItsHold() {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(1000);
		clock.advance(Duration.ofSeconds(1));

		Api.Response held = paid(tenant, member, """
				{"program": "points", "amount": "20.00", "currency": "EUR", "points": 300, "hold": true,
				 "timeoutSeconds": 120}""");

		assertThat(held.text("/status")).isEqualTo("held");
		assertThat(held.text("/transactionId")).isNull();
		assertThat(held.text("/hold/status")).isEqualTo("pending");
		assertThat(tenant.balance(member).get("held").asLong()).isEqualTo(300);
		assertThat(tenant.available(member)).isEqualTo(700);
		assertThat(tenant.statement(member).at("/items/0/explanation/text").asString())
			.isEqualTo("300 points set aside to pay 3.00 EUR of your purchase of 20.00 EUR");
		String payment = held.text("/id");
		assertProblem(tenant.api().post("/api/v1/point-payments/" + payment + "/refund", null), 409,
				"/problems/point-payment-held");

		Api.Response captured = tenant.api().post("/api/v1/holds/" + held.text("/hold/id") + "/capture", null);
		assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
		Api.Response read = tenant.api().get("/api/v1/point-payments/" + payment);
		assertThat(read.text("/hold/status")).isEqualTo("captured");
		assertThat(read.number("/hold/captured")).isEqualTo(300);
		assertThat(tenant.balance(member).get("held").asLong()).isZero();
		assertThat(tenant.available(member)).isEqualTo(700);

		Api.Response another = paid(tenant, member, """
				{"program": "points", "amount": "20.00", "currency": "EUR", "points": 200, "hold": true}""");
		assertThat(tenant.api().post("/api/v1/holds/" + another.text("/hold/id") + "/release", null).status())
			.isEqualTo(200);
		assertThat(tenant.api().get("/api/v1/point-payments/" + another.text("/id")).text("/hold/status"))
			.isEqualTo("released");
		assertThat(tenant.available(member)).isEqualTo(700);
		tenant.assertBalanced();
	}

	@Test
	void aPaymentIsRefundedWholeAndOnce() {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(800);
		String payment = paid(tenant, member, payment("500", "49.90")).text("/id");
		String refund = "/api/v1/point-payments/" + payment + "/refund";
		clock.advance(Duration.ofSeconds(1));

		Api.Response refunded = tenant.api().post(refund, null, "refund-1");
		Api.Response replayed = tenant.api().post(refund, null, "refund-1");

		assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
		assertThat(refunded.text("/status")).isEqualTo("refunded");
		assertThat(refunded.text("/refundTransactionId")).isNotNull();
		assertThat(refunded.text("/refundedAt")).isNotNull();
		assertThat(refunded.number("/available")).isEqualTo(800);
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replayed.text("/refundTransactionId")).isEqualTo(refunded.text("/refundTransactionId"));
		assertProblem(tenant.api().post(refund, null), 409, "/problems/point-payment-refunded");
		assertThat(tenant.available(member)).isEqualTo(800);
		assertThat(tenant.statement(member).at("/items/0/kind").asString()).isEqualTo("reversal");
		assertThat(tenant.statement(member).at("/items/0/reversalOf").asString())
			.isEqualTo(refunded.text("/transactionId"));
		assertThat(tenant.statement(member).at("/items/0/explanation/text").asString())
			.isEqualTo("500 points back: the payment of 5.00 EUR with them was refunded");
		tenant.assertBalanced();
	}

	@Test
	void aReplayedPaymentIsPaidOnce() {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(800);

		Api.Response first = tenant.api().post(payments(member), payment("500", "49.90"), "till-7-pay");
		Api.Response replay = tenant.api().post(payments(member), payment("500", "49.90"), "till-7-pay");

		assertThat(first.status()).isEqualTo(201);
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.text("/id")).isEqualTo(first.text("/id"));
		assertThat(tenant.available(member)).isEqualTo(300);
		assertProblem(tenant.api().post(payments(member), payment("400", "49.90"), "till-7-pay"), 409,
				"/problems/idempotency-key-reused");
		assertThat(tenant.available(member)).isEqualTo(300);
	}

	@Test
	void refusesBadPaymentsAndWritesNothing() {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(100);
		Map<String, String> invalid = Map.of(
				"{\"amount\": \"10.00\", \"currency\": \"EUR\"}", "program",
				"{\"program\": \"points\", \"currency\": \"EUR\"}", "amount",
				"{\"program\": \"points\", \"amount\": \"-1.00\", \"currency\": \"EUR\"}", "amount",
				"{\"program\": \"points\", \"amount\": \"1.234\", \"currency\": \"EUR\"}", "amount",
				"{\"program\": \"points\", \"amount\": \"10.00\", \"currency\": \"EURO\"}", "currency",
				"{\"program\": \"points\", \"amount\": \"10.00\", \"currency\": \"EUR\", \"points\": 0}", "points",
				"{\"program\": \"points\", \"amount\": \"10.00\", \"currency\": \"EUR\", \"timeoutSeconds\": 60}",
				"timeoutSeconds",
				"{\"program\": \"points\", \"amount\": \"10.00\", \"currency\": \"EUR\", \"hold\": true, "
						+ "\"timeoutSeconds\": 5}", "timeoutSeconds",
				"{\"program\": \"points\", \"amount\": \"10.00\", \"currency\": \"EUR\", \"hold\": \"yes\"}", "hold");
		invalid.forEach((json, field) -> {
			Api.Response refused = tenant.api().post(payments(member), json);
			assertProblem(refused, 400, "/problems/invalid-request");
			assertThat(Problems.fields(refused)).as(json).containsExactly(field);
		});
		Api.Response otherCurrency = tenant.api().post(payments(member), """
				{"program": "points", "amount": "10.00", "currency": "USD"}""");
		assertProblem(otherCurrency, 422, "/problems/currency-mismatch");
		assertThat(Problems.fields(otherCurrency)).containsExactly("currency");
		assertProblem(tenant.api().post(payments(member), payment("101", "10.00")), 422,
				"/problems/insufficient-points");
		assertProblem(tenant.api().post(payments(member), """
				{"program": "nope", "amount": "10.00", "currency": "EUR"}"""), 404, "/problems/program-not-found");
		assertProblem(tenant.api().post(payments("0193a8c0-0000-7000-8000-000000000000"), payment("1", "10.00")),
				404, "/problems/member-not-found");
		assertProblem(tenant.api().post(payments(member), payment("10", "10.00"), null), 400,
				"/problems/idempotency-key-required");
		assertProblem(tenant.api().get("/api/v1/point-payments/0193a8c0-0000-7000-8000-000000000000"), 404,
				"/problems/point-payment-not-found");
		assertProblem(tenant.api().post("/api/v1/point-payments/0193a8c0-0000-7000-8000-000000000000/refund", null),
				404, "/problems/point-payment-not-found");
		assertThat(tenant.available(member)).isEqualTo(100);
		assertThat(tenant.statement(member).path("items")).hasSize(1);
		tenant.assertBalanced();
	}

	@Test
	void anotherTenantCannotSeeRefundOrPayForAMember() {
		TestTenant owner = tenants.create();
		String member = owner.memberWith(500);
		String payment = paid(owner, member, payment("100", "10.00")).text("/id");
		Api stranger = tenants.create().api();

		assertProblem(stranger.get("/api/v1/point-payments/" + payment), 404, "/problems/point-payment-not-found");
		assertProblem(stranger.post("/api/v1/point-payments/" + payment + "/refund", null), 404,
				"/problems/point-payment-not-found");
		assertProblem(stranger.post(payments(member), payment("100", "10.00")), 404, "/problems/member-not-found");
		assertThat(owner.api().get("/api/v1/point-payments/" + payment).text("/status")).isEqualTo("paid");
		assertThat(owner.available(member)).isEqualTo(400);
	}
}

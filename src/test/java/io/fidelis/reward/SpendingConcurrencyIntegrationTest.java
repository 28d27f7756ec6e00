package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * Point payments, transfers and donations racing from one member (on H2 and PostgreSQL): balances never go below
 * zero, the monthly transfer limit holds, and a payment is refunded once. Receivers of racing transfers have a balance
 * already: these tests race the giver's account, not the creation of the receivers' accounts (see
 * {@code LedgerAccounts.lock}, where that may deadlock and be retried).
 */
@IntegrationTest
class SpendingConcurrencyIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	/** Every answer but those of status {@code succeeded} is a problem of this status and type. */
	private static void assertOthersRefused(List<Api.Response> answers, int succeeded, int status, String type) {
		answers.stream()
			.filter(answer -> answer.status() != succeeded)
			.forEach(answer -> assertProblem(answer, status, type));
	}

	@Test
	void twentyParallelPaymentsOfTenFromNinetyFivePayNine() throws Exception {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(95);

		List<Api.Response> answers = AtOnce.send(20, i -> tenant.api().post(
				PointPaymentIntegrationTest.payments(member), PointPaymentIntegrationTest.payment("10", "20.00")));

		assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(9);
		assertOthersRefused(answers, 201, 422, "/problems/insufficient-points");
		assertThat(tenant.available(member)).isEqualTo(5);
		tenant.assertBalanced();
	}

	@Test
	void parallelHeldPaymentsNeverSetAsideMoreThanTheBalance() throws Exception {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(95);

		List<Api.Response> answers = AtOnce.send(20, i -> tenant.api().post(
				PointPaymentIntegrationTest.payments(member), """
						{"program": "points", "amount": "20.00", "currency": "EUR", "points": 10, "hold": true}"""));

		assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(9);
		assertOthersRefused(answers, 201, 422, "/problems/insufficient-points");
		assertThat(tenant.balance(member).get("held").asLong()).isEqualTo(90);
		assertThat(tenant.available(member)).isEqualTo(5);
		tenant.assertBalanced();
	}

	@Test
	void aPaymentRefundedByTwentyTillsAtOnceIsRefundedOnce() throws Exception {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(500);
		String payment = tenant.api().post(PointPaymentIntegrationTest.payments(member),
				PointPaymentIntegrationTest.payment("300", "20.00")).text("/id");

		List<Api.Response> answers = AtOnce.send(20,
				i -> tenant.api().post("/api/v1/point-payments/" + payment + "/refund", null));

		assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
		assertOthersRefused(answers, 200, 409, "/problems/point-payment-refunded");
		assertThat(tenant.available(member)).isEqualTo(500);
		tenant.assertBalanced();
	}

	@Test
	void parallelTransfersFromOneMemberNeverOverdraw() throws Exception {
		TestTenant tenant = tenants.create();
		String giver = tenant.memberWith(95);
		String receiver = tenant.memberWith(1);

		List<Api.Response> answers = AtOnce.send(20, i -> tenant.api().post(
				PointTransferIntegrationTest.transfers(giver), PointTransferIntegrationTest.transfer(receiver, 10)));

		assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(9);
		assertOthersRefused(answers, 201, 422, "/problems/insufficient-points");
		assertThat(tenant.available(giver)).isEqualTo(5);
		assertThat(tenant.available(receiver)).isEqualTo(91);
		tenant.assertBalanced();
	}

	@Test
	void theMonthlyTransferLimitHoldsUnderTwentyParallelTransfers() throws Exception {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().put(PointTransferIntegrationTest.TERMS, "{\"maxPointsPerMonth\": 100}").status())
			.isEqualTo(200);
		int day = clock.instant().atOffset(ZoneOffset.UTC).getDayOfMonth();
		if (day > 20) {
			clock.advance(Duration.ofDays(32 - day));
		}
		String giver = tenant.memberWith(1000);
		List<String> receivers = List.of(tenant.memberWith(1), tenant.memberWith(1), tenant.memberWith(1));

		List<Api.Response> answers = AtOnce.send(20, i -> tenant.api().post(
				PointTransferIntegrationTest.transfers(giver),
				PointTransferIntegrationTest.transfer(receivers.get(i % receivers.size()), 10)));

		assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(10);
		assertOthersRefused(answers, 201, 422, "/problems/monthly-transfer-limit-reached");
		assertThat(tenant.available(giver)).isEqualTo(900);
		assertThat(receivers.stream().mapToLong(tenant::available).sum()).isEqualTo(103);
		tenant.assertBalanced();
	}

	@Test
	void parallelDonationsFromOneMemberNeverOverdraw() throws Exception {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post(DonationIntegrationTest.CAUSES, DonationIntegrationTest.FOREST).status())
			.isEqualTo(201);
		String member = tenant.memberWith(95);

		List<Api.Response> answers = AtOnce.send(20, i -> tenant.api().post(DonationIntegrationTest.donations(member),
				DonationIntegrationTest.donation("points", "forest", 10)));

		assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(9);
		assertOthersRefused(answers, 201, 422, "/problems/insufficient-points");
		assertThat(tenant.available(member)).isEqualTo(5);
		Api.Response cause = tenant.api().get(DonationIntegrationTest.CAUSES + "/forest");
		assertThat(cause.number("/given/donations")).isEqualTo(9);
		assertThat(cause.text("/given/programs/0/amount")).isEqualTo("0.90");
		tenant.assertBalanced();
	}
}

package io.fidelis.earning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;

@IntegrationTest
class PurchaseIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Test
	void purchaseEarnsOnePointPerEuroRoundedDown() {
		Api api = tenants.create().api();
		String memberId = api.post("/api/v1/members", "{\"email\": \"ada@example.com\"}").text("/id");

		Api.Response earned = api.post("/api/v1/events", """
				{"type": "purchase", "transactionId": "sale-1", "member": {"email": "ADA@example.com"},
				 "occurredAt": "2026-01-15T10:00:00+01:00", "amount": "49.90", "currency": "EUR"}""", null);

		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.number("/effects/0/points")).isEqualTo(49);
		assertThat(earned.text("/effects/0/status")).isEqualTo("available");
		assertThat(api.get("/api/v1/members/" + memberId + "/balances").number("/0/available")).isEqualTo(49);
	}
}

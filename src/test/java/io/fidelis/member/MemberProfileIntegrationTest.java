package io.fidelis.member;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** PUT /api/v1/members/{id}: a member's profile changes, their identifiers stay unique and normalised. */
@IntegrationTest
class MemberProfileIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Test
	void replacesTheProfileKeepingTheCardNumber() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("""
				{"firstName": "Ana", "email": "ana@example.com", "phone": "0612345678"}""");
		String card = tenant.api().get("/api/v1/members/" + member).text("/cardNumber");

		Api.Response updated = tenant.api().put("/api/v1/members/" + member, """
				{"firstName": "Anaïs", "lastName": "Marchal", "email": "ANAIS@Example.com", "locale": "fr",
				 "marketingConsent": true}""");

		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.text("/email")).isEqualTo("anais@example.com");
		assertThat(updated.text("/cardNumber")).isEqualTo(card);
		assertThat(updated.json().path("phone").isNull() || updated.json().path("phone").isMissingNode()).isTrue();
		assertThat(tenant.api().get("/api/v1/members?limit=5").status()).isEqualTo(200);
	}

	@Test
	void refusesAnIdentifierAnotherMemberHasAndChangesNothing() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("""
				{"firstName": "Ana", "email": "ana@example.com"}""");
		tenant.enrol("""
				{"email": "bob@example.com"}""");

		Api.Response refused = tenant.api().put("/api/v1/members/" + member, """
				{"firstName": "Changed", "email": "bob@example.com"}""");
		Api.Response badPhone = tenant.api().put("/api/v1/members/" + member, """
				{"phone": "not a phone"}""");

		assertProblem(refused, 409, "/problems/member-exists");
		assertProblem(badPhone, 400, "/problems/invalid-request");
		assertThat(tenant.api().get("/api/v1/members/" + member).text("/firstName")).isEqualTo("Ana");
	}

	@Test
	void answersAnotherTenantsMemberAsUnknown() {
		String member = tenants.create().enrol("{}");

		assertProblem(tenants.create().api().put("/api/v1/members/" + member, "{}"), 404,
				"/problems/member-not-found");
	}
}

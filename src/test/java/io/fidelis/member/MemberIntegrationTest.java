package io.fidelis.member;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class MemberIntegrationTest {

	private static final String MEMBERS = "/api/v1/members";
	private static final String ADA = """
			{"externalId": "crm-42", "email": "Ada.Lovelace@Example.COM", "phone": "06 12 34 56 78",
			 "firstName": "Ada", "lastName": "Lovelace", "birthDate": "1990-05-17", "locale": "fr",
			 "marketingConsent": true}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void enrolmentGivesAnEan13CardNumberInPrefix29() {
		Api api = tenants.create().api();

		Api.Response member = api.post(MEMBERS, "{}");

		assertThat(member.status()).as(member.toString()).isEqualTo(201);
		String cardNumber = member.text("/cardNumber");
		assertThat(cardNumber).hasSize(13).containsOnlyDigits().startsWith("29");
		assertThat(cardNumber.charAt(12) - '0').isEqualTo(ean13CheckDigit(cardNumber.substring(0, 12)));
		assertThat(member.text("/id")).isNotNull();
		assertThat(member.text("/locale")).isEqualTo("en");
		assertThat(member.json().get("marketingConsent").asBoolean()).isFalse();
		assertThat(member.text("/enrolledAt")).isNotNull();
	}

	@Test
	void enrolmentKeepsEveryDetailAndReadsItBack() {
		Api api = tenants.create().api();

		Api.Response member = api.post(MEMBERS, ADA);

		assertThat(member.status()).as(member.toString()).isEqualTo(201);
		assertThat(member.text("/externalId")).isEqualTo("crm-42");
		assertThat(member.text("/firstName")).isEqualTo("Ada");
		assertThat(member.text("/lastName")).isEqualTo("Lovelace");
		assertThat(member.text("/birthDate")).isEqualTo("1990-05-17");
		assertThat(member.text("/locale")).isEqualTo("fr");
		assertThat(member.json().get("marketingConsent").asBoolean()).isTrue();
		Api.Response read = api.get(MEMBERS + "/" + member.text("/id"));
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(member.json());
	}

	@Test
	void storesEmailInLowerCase() {
		Api api = tenants.create().api();

		Api.Response member = api.post(MEMBERS, "{\"email\": \"Ada.Lovelace@Example.COM\"}");

		assertThat(member.status()).as(member.toString()).isEqualTo(201);
		assertThat(member.text("/email")).isEqualTo("ada.lovelace@example.com");
		assertThat(api.get(MEMBERS + "/" + member.text("/id")).text("/email")).isEqualTo("ada.lovelace@example.com");
	}

	@Test
	void storesFrenchNationalPhoneInE164() {
		Api api = tenants.create().api();

		Api.Response member = api.post(MEMBERS, "{\"phone\": \"06 12 34 56 78\"}");

		assertThat(member.status()).as(member.toString()).isEqualTo(201);
		assertThat(member.text("/phone")).isEqualTo("+33612345678");
		assertThat(api.get(MEMBERS + "/" + member.text("/id")).text("/phone")).isEqualTo("+33612345678");
	}

	@Test
	void keepsForeignPhoneGivenWithCountryCode() {
		Api api = tenants.create().api();

		Api.Response member = api.post(MEMBERS, "{\"phone\": \"+44 20 7946 0958\"}");

		assertThat(member.status()).as(member.toString()).isEqualTo(201);
		assertThat(member.text("/phone")).isEqualTo("+442079460958");
	}

	@Test
	void rejectsDuplicateEmailInOtherCaseWith409() {
		Api api = tenants.create().api();
		api.post(MEMBERS, "{\"email\": \"ada@example.com\"}");

		Api.Response duplicate = api.post(MEMBERS, "{\"email\": \"ADA@Example.com\"}");

		assertMemberExists(duplicate, "email");
		assertThat(memberCount(api)).isEqualTo(1);
	}

	@Test
	void rejectsDuplicatePhoneWrittenDifferentlyWith409() {
		Api api = tenants.create().api();
		api.post(MEMBERS, "{\"phone\": \"06 12 34 56 78\"}");

		Api.Response international = api.post(MEMBERS, "{\"phone\": \"+33 6 12 34 56 78\"}");
		Api.Response dotted = api.post(MEMBERS, "{\"phone\": \"06.12.34.56.78\"}");

		assertMemberExists(international, "phone");
		assertMemberExists(dotted, "phone");
		assertThat(memberCount(api)).isEqualTo(1);
	}

	@Test
	void rejectsDuplicateExternalIdWith409() {
		Api api = tenants.create().api();
		api.post(MEMBERS, "{\"externalId\": \"crm-42\", \"email\": \"ada@example.com\"}");

		Api.Response duplicate = api.post(MEMBERS, "{\"externalId\": \"crm-42\", \"email\": \"bob@example.com\"}");

		assertMemberExists(duplicate, "externalId");
		assertThat(memberCount(api)).isEqualTo(1);
		assertThat(find(api, "bob@example.com").json().get("items").size()).isZero();
	}

	@Test
	void allowsTheSameIdentifiersInAnotherTenant() {
		Api ours = tenants.create().api();
		Api theirs = tenants.create().api();
		ours.post(MEMBERS, ADA);

		Api.Response member = theirs.post(MEMBERS, ADA);

		assertThat(member.status()).as(member.toString()).isEqualTo(201);
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource(delimiter = '|', textBlock = """
			"email": "not-an-email"                  | email
			"email": "ada@example"                   | email
			"email": "ada lovelace@example.com"      | email
			"email": "ada@@example.com"              | email
			"email": ""                              | email
			"phone": "12345"                         | phone
			"phone": "call me"                       | phone
			"phone": "+33 6 12"                      | phone
			"phone": "06 12 34 56 78 90 12 34 56 78 90 12" | phone
			"birthDate": "1899-12-31"                | birthDate
			"birthDate": "2000-02-30"                | birthDate
			"birthDate": "17/05/1990"                | birthDate
			"locale": "de"                           | locale
			"locale": "FR"                           | locale
			"externalId": "crm 42"                   | externalId
			"externalId": ""                         | externalId
			"externalId": "a1234567890123456789012345678901234567890123456789012345678901234" | externalId
			"firstName": "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" | firstName
			"lastName": "Lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll" | lastName
			"marketingConsent": "yes"                | marketingConsent
			"nickname": "Ada"                        | nickname
			""")
	void rejectsInvalidDetailWith400NamingTheField(String detail, String field) {
		Api api = tenants.create().api();

		Api.Response response = api.post(MEMBERS, "{" + detail + "}");

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).as(response.toString()).containsOnly(field);
		assertThat(memberCount(api)).as("nothing was enrolled").isZero();
	}

	@Test
	void rejectsBirthDateInTheFutureWith400() {
		Api api = tenants.create().api();
		LocalDate tomorrow = LocalDate.now(clock).plusDays(1);

		Api.Response response = api.post(MEMBERS, "{\"birthDate\": \"" + tomorrow + "\"}");

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactly("birthDate");
		assertThat(memberCount(api)).isZero();
	}

	@Test
	void acceptsBirthDateToday() {
		Api api = tenants.create().api();
		LocalDate today = LocalDate.now(clock);

		Api.Response response = api.post(MEMBERS, "{\"birthDate\": \"" + today + "\"}");

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.text("/birthDate")).isEqualTo(today.toString());
	}

	@Test
	void reportsEveryInvalidContactDetailAtOnce() {
		Api api = tenants.create().api();

		Api.Response response = api.post(MEMBERS, "{\"email\": \"nope\", \"phone\": \"123\"}");

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactlyInAnyOrder("email", "phone");
	}

	@Test
	void findsMemberByEachOfItsIdentifiers() {
		Api api = tenants.create().api();
		Api.Response ada = api.post(MEMBERS, ADA);
		api.post(MEMBERS, "{\"externalId\": \"crm-43\", \"email\": \"bob@example.com\", \"phone\": \"0698765432\"}");
		String card = ada.text("/cardNumber");
		String spacedCard = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " "
				+ card.substring(12);

		for (String identifier : List.of(card, spacedCard, " " + card + " ", "ada.lovelace@example.com",
				"ADA.LOVELACE@EXAMPLE.COM", "Ada.Lovelace@example.com", "06 12 34 56 78", "0612345678",
				"+33612345678", "+33 6 12 34 56 78", "crm-42", ada.text("/id"))) {
			Api.Response found = find(api, identifier);

			assertThat(found.status()).as(identifier + ": " + found).isEqualTo(200);
			assertThat(found.json().get("items").size()).as(identifier + ": " + found).isEqualTo(1);
			assertThat(found.json().at("/items/0")).as(identifier).isEqualTo(ada.json());
			assertThat(found.text("/nextCursor")).isNull();
		}
	}

	@Test
	void findsNobodyForUnknownIdentifier() {
		Api api = tenants.create().api();
		api.post(MEMBERS, ADA);

		for (String identifier : List.of("nobody", "nobody@example.com", "06 00 00 00 01", "2900000000001",
				UUID.randomUUID().toString())) {
			Api.Response found = find(api, identifier);

			assertThat(found.status()).as(identifier + ": " + found).isEqualTo(200);
			assertThat(found.json().get("items").size()).as(identifier + ": " + found).isZero();
		}
	}

	@Test
	void rejectsOverlongIdentifierWith400() {
		Api api = tenants.create().api();

		Api.Response response = find(api, "x".repeat(255));

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactly("identifier");
	}

	@Test
	void neverFindsAnotherTenantsMember() {
		Api ours = tenants.create().api();
		Api theirs = tenants.create().api();
		Api.Response theirMember = theirs.post(MEMBERS, ADA);

		Api.Response byId = ours.get(MEMBERS + "/" + theirMember.text("/id"));

		assertProblem(byId, 404, "/problems/member-not-found");
		assertThat(byId.body()).doesNotContain("lovelace");
		for (String identifier : List.of(theirMember.text("/id"), theirMember.text("/cardNumber"),
				"ada.lovelace@example.com", "+33612345678", "crm-42")) {
			assertThat(find(ours, identifier).json().get("items").size()).as(identifier).isZero();
		}
		assertThat(memberCount(ours)).isZero();
	}

	@Test
	void answersUnknownMemberIdWith404() {
		Api api = tenants.create().api();

		assertProblem(api.get(MEMBERS + "/" + UUID.randomUUID()), 404, "/problems/member-not-found");
	}

	@Test
	void rejectsMalformedMemberIdWith400() {
		Api api = tenants.create().api();

		Api.Response response = api.get(MEMBERS + "/not-a-uuid");

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactly("id");
	}

	@Test
	void listsMembersNewestFirstAPageAtATime() {
		Api api = tenants.create().api();
		List<String> enrolled = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			enrolled.add(0, api.post(MEMBERS, "{\"externalId\": \"m" + i + "\"}").text("/id"));
			clock.advance(Duration.ofSeconds(1));
		}

		Api.Response first = api.get(MEMBERS + "?limit=2");
		Api.Response second = api.get(MEMBERS + "?limit=2&cursor=" + first.text("/nextCursor"));
		Api.Response third = api.get(MEMBERS + "?limit=2&cursor=" + second.text("/nextCursor"));

		assertThat(ids(first)).as(first.toString()).containsExactlyElementsOf(enrolled.subList(0, 2));
		assertThat(first.text("/nextCursor")).isNotBlank();
		assertThat(ids(second)).as(second.toString()).containsExactlyElementsOf(enrolled.subList(2, 4));
		assertThat(second.text("/nextCursor")).isNotBlank();
		assertThat(ids(third)).as(third.toString()).containsExactlyElementsOf(enrolled.subList(4, 5));
		assertThat(third.json().has("nextCursor")).isTrue();
		assertThat(third.json().get("nextCursor").isNull()).isTrue();
	}

	@Test
	void pagingVisitsMembersEnrolledAtTheSameInstantExactlyOnce() {
		Api api = tenants.create().api();
		List<String> enrolled = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			enrolled.add(api.post(MEMBERS, "{\"externalId\": \"m" + i + "\"}").text("/id"));
		}

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Api.Response page = api.get(MEMBERS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			seen.addAll(ids(page));
			cursor = page.text("/nextCursor");
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(enrolled);
	}

	@Test
	void listsEveryMemberOnOnePageByDefault() {
		Api api = tenants.create().api();
		for (int i = 1; i <= 3; i++) {
			api.post(MEMBERS, "{}");
		}

		Api.Response list = api.get(MEMBERS);

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().get("items").size()).isEqualTo(3);
		assertThat(list.text("/nextCursor")).isNull();
		assertThat(api.get(MEMBERS + "?limit=200").json().get("items").size()).isEqualTo(3);
	}

	@Test
	void rejectsMalformedCursorWith400() {
		Api api = tenants.create().api();
		api.post(MEMBERS, "{}");

		for (String cursor : List.of("not-a-cursor", "bm90IGEgY3Vyc29y", "%25%25")) {
			Api.Response response = api.get(MEMBERS + "?cursor=" + cursor);

			assertProblem(response, 400, "/problems/invalid-request");
			assertThat(fields(response)).as(cursor).containsExactly("cursor");
		}
	}

	@Test
	void rejectsLimitOutOfRangeWith400() {
		Api api = tenants.create().api();

		for (String limit : List.of("0", "201", "-1", "ten")) {
			Api.Response response = api.get(MEMBERS + "?limit=" + limit);

			assertProblem(response, 400, "/problems/invalid-request");
			assertThat(fields(response)).as(limit).containsExactly("limit");
		}
	}

	@Test
	void replayedEnrolmentReturnsTheSameMemberAndEnrolsNoOther() {
		Api api = tenants.create().api();
		String idempotencyKey = UUID.randomUUID().toString();
		Api.Response first = api.post(MEMBERS, ADA, idempotencyKey);

		Api.Response replay = api.post(MEMBERS, ADA, idempotencyKey);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(memberCount(api)).isEqualTo(1);
	}

	@Test
	void rejectsReuseOfIdempotencyKeyForAnotherMemberWith409() {
		Api api = tenants.create().api();
		String idempotencyKey = UUID.randomUUID().toString();
		api.post(MEMBERS, "{\"email\": \"ada@example.com\"}", idempotencyKey);

		Api.Response reused = api.post(MEMBERS, "{\"email\": \"bob@example.com\"}", idempotencyKey);

		assertProblem(reused, 409, "/problems/idempotency-key-reused");
		assertThat(memberCount(api)).isEqualTo(1);
	}

	@Test
	void refusedEnrolmentCanBeFixedAndRetriedWithTheSameIdempotencyKey() {
		Api api = tenants.create().api();
		String idempotencyKey = UUID.randomUUID().toString();
		Api.Response refused = api.post(MEMBERS, "{\"email\": \"ada@example\"}", idempotencyKey);

		Api.Response fixed = api.post(MEMBERS, "{\"email\": \"ada@example.com\"}", idempotencyKey);

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
		assertThat(fixed.header("Idempotent-Replayed")).isNull();
		assertThat(memberCount(api)).isEqualTo(1);
	}

	@Test
	void rejectsMalformedJsonWith400() {
		Api api = tenants.create().api();

		Api.Response response = api.post(MEMBERS, "{\"email\": ");

		assertProblem(response, 400, "/problems/malformed-json");
		assertThat(memberCount(api)).isZero();
	}

	@Test
	void readingMembersNeedsMembersReadAndEnrollingNeedsMembersWrite() {
		Api api = tenants.create().api();
		Api writer = api.withKey(api.post("/api/v1/api-keys",
				"{\"name\": \"signup form\", \"scopes\": [\"members:write\"]}").text("/key"));

		Api.Response enrolled = writer.post(MEMBERS, ADA);

		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
		assertProblem(writer.get(MEMBERS + "/" + enrolled.text("/id")), 403, "/problems/insufficient-scope");
		assertProblem(writer.get(MEMBERS), 403, "/problems/insufficient-scope");
		assertProblem(find(writer, "crm-42"), 403, "/problems/insufficient-scope");
	}

	@Test
	void rejectsEnrolmentWithoutIdempotencyKeyWith400() {
		Api api = tenants.create().api();

		Api.Response response = api.post(MEMBERS, ADA, null);

		assertProblem(response, 400, "/problems/idempotency-key-required");
		assertThat(memberCount(api)).isZero();
	}

	private static Api.Response find(Api api, String identifier) {
		return api.get(MEMBERS + "?identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8));
	}

	private static int memberCount(Api api) {
		return api.get(MEMBERS + "?limit=200").json().get("items").size();
	}

	private static List<String> ids(Api.Response page) {
		List<String> ids = new ArrayList<>();
		for (JsonNode member : page.json().get("items")) {
			ids.add(member.get("id").asString());
		}
		return ids;
	}

	/** EAN-13 computed here independently of {@link CardNumbers}: weights 1, 3, 1, 3... from the left. */
	private static int ean13CheckDigit(String twelveDigits) {
		int sum = 0;
		for (int i = 0; i < 12; i++) {
			sum += Character.digit(twelveDigits.charAt(i), 10) * (i % 2 == 0 ? 1 : 3);
		}
		return (10 - sum % 10) % 10;
	}

	private static void assertMemberExists(Api.Response response, String field) {
		assertProblem(response, 409, "/problems/member-exists");
		assertThat(fields(response)).containsExactly(field);
	}


}

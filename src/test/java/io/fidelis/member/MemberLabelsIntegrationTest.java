package io.fidelis.member;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Labels on members through the API: PUT and DELETE answer 204 whether or not anything changed. */
@IntegrationTest
class MemberLabelsIntegrationTest {

	private static final String MEMBERS = "/api/v1/members";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void aLabelPutOnAMemberShowsOnTheMember() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");

		Api.Response added = tenant.api().put(label(member, "vip"));

		assertThat(added.status()).as(added.toString()).isEqualTo(204);
		assertThat(added.body()).isEmpty();
		assertThat(labels(tenant, member)).containsExactly("vip");
	}

	@Test
	void aMemberWithoutLabelsShowsAnEmptyList() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");

		Api.Response read = tenant.api().get(MEMBERS + "/" + member);

		assertThat(read.json().get("labels").isArray()).as(read.toString()).isTrue();
		assertThat(read.json().get("labels").isEmpty()).isTrue();
	}

	@Test
	void labelsAreShownSortedWhateverOrderTheyWereGivenIn() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");

		for (String label : List.of("vip_1", "staff", "vip", "2026", "vip-2", "newsletter-2026")) {
			assertThat(tenant.api().put(label(member, label)).status()).isEqualTo(204);
		}

		assertThat(labels(tenant, member)).containsExactly("2026", "newsletter-2026", "staff", "vip", "vip-2",
				"vip_1");
	}

	@Test
	void puttingALabelTheMemberHasAgainChangesNothing() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");
		tenant.api().put(label(member, "vip"));

		Api.Response again = tenant.api().put(label(member, "vip"));

		assertThat(again.status()).as(again.toString()).isEqualTo(204);
		assertThat(labels(tenant, member)).containsExactly("vip");
	}

	@Test
	void deletingALabelTakesItOffAndDeletingItAgainChangesNothing() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");
		tenant.api().put(label(member, "vip"));
		tenant.api().put(label(member, "staff"));

		Api.Response removed = tenant.api().delete(label(member, "vip"));
		Api.Response again = tenant.api().delete(label(member, "vip"));

		assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
		assertThat(again.status()).as(again.toString()).isEqualTo(204);
		assertThat(labels(tenant, member)).containsExactly("staff");
	}

	@Test
	void deletingALabelTheMemberNeverHadIsAccepted() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");

		assertThat(tenant.api().delete(label(member, "vip")).status()).isEqualTo(204);
		assertThat(labels(tenant, member)).isEmpty();
	}

	@Test
	void labelsMayBeGivenAtEnrolmentOnceEach() {
		TestTenant tenant = tenants.create();

		Api.Response enrolled = tenant.api().post(MEMBERS, "{\"labels\": [\"vip\", \"newsletter-2026\", \"vip\"]}");

		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
		assertThat(strings(enrolled.json().get("labels"))).containsExactly("newsletter-2026", "vip");
		assertThat(labels(tenant, enrolled.text("/id"))).containsExactly("newsletter-2026", "vip");
	}

	@Test
	void enrolmentWithFiftyLabelsIsAccepted() {
		TestTenant tenant = tenants.create();

		Api.Response enrolled = tenant.api().post(MEMBERS, "{\"labels\": " + json(numbered(50)) + "}");

		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
		assertThat(enrolled.json().get("labels").size()).isEqualTo(50);
	}

	@Test
	void enrolmentWithBadLabelsIsRefusedNamingEachAndEnrolsNobody() {
		TestTenant tenant = tenants.create();

		List<Api.Response> refusals = List.of(
				tenant.api().post(MEMBERS, "{\"labels\": [\"vip\", \"VIP\", \"\", null]}"),
				tenant.api().post(MEMBERS, "{\"labels\": " + json(numbered(51)) + "}"),
				tenant.api().post(MEMBERS, "{\"labels\": \"vip\"}"),
				tenant.api().post(MEMBERS, "{\"labels\": [\"vip\", 42, {\"a\": 1}]}"));

		assertProblem(refusals.get(0), 400, "/problems/invalid-request");
		assertThat(fields(refusals.get(0))).containsExactly("labels[1]", "labels[2]", "labels[3]");
		assertProblem(refusals.get(1), 400, "/problems/invalid-request");
		assertThat(fields(refusals.get(1))).containsExactly("labels");
		for (Api.Response refused : refusals.subList(2, 4)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.text("/detail") + fields(refused)).as(refused.toString()).contains("labels");
		}
		assertThat(tenant.api().get(MEMBERS).json().get("items").size()).as("nobody enrolled").isZero();
	}

	@ParameterizedTest(name = "{0} is refused")
	@ValueSource(strings = { "VIP", "Vip", "-vip", "_vip", "vip!", "vip.gold", "vip%20gold", "%C3%A9t%C3%A9",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void badLabelsAreRefusedNamingTheLabelAndChangeNothing(String label) {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{\"labels\": [\"vip\"]}");

		Api.Response put = tenant.api().put(label(member, label));
		Api.Response delete = tenant.api().delete(label(member, label));

		for (Api.Response refused : List.of(put, delete)) {
			assertProblem(refused, 400, "/problems/invalid-request");
			assertThat(fields(refused)).as(refused.toString()).containsExactly("label");
		}
		assertThat(labels(tenant, member)).containsExactly("vip");
	}

	@Test
	void aLabelOfSixtyFourCharactersIsAccepted() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");
		String longest = "a" + "b-_9".repeat(15) + "xyz";

		assertThat(tenant.api().put(label(member, longest)).status()).isEqualTo(204);
		assertThat(labels(tenant, member)).containsExactly(longest);
	}

	@Test
	void theFiftyFirstLabelIsRefusedWith422UntilOneIsRemoved() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{\"labels\": " + json(numbered(50)) + "}");

		Api.Response refused = tenant.api().put(label(member, "one-too-many"));

		assertProblem(refused, 422, "/problems/too-many-labels");
		assertThat(fields(refused)).containsExactly("label");
		assertThat(labels(tenant, member)).hasSize(50).doesNotContain("one-too-many");
		assertThat(tenant.api().put(label(member, "label-7")).status()).as("one the member has").isEqualTo(204);
		assertThat(tenant.api().delete(label(member, "label-7")).status()).isEqualTo(204);
		assertThat(tenant.api().put(label(member, "one-too-many")).status()).isEqualTo(204);
		assertThat(labels(tenant, member)).hasSize(50).contains("one-too-many").doesNotContain("label-7");
	}

	@Test
	void labelsAddedAtOnceNeverPassFifty() throws Exception {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{\"labels\": " + json(numbered(47)) + "}");

		List<Api.Response> answers = AtOnce.send(8, i -> tenant.api().put(label(member, "racing-" + i)));

		assertThat(answers).extracting(Api.Response::status).containsOnly(204, 422);
		assertThat(answers.stream().filter(answer -> answer.status() == 204)).hasSize(3);
		assertThat(labels(tenant, member)).hasSize(50);
	}

	@Test
	void theSameLabelPutAtOnceIsKeptOnce() throws Exception {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");

		List<Api.Response> answers = AtOnce.send(8, i -> tenant.api().put(label(member, "vip")));

		assertThat(answers).extracting(Api.Response::status).containsOnly(204);
		assertThat(labels(tenant, member)).containsExactly("vip");
	}

	@Test
	void labellingAnUnknownMemberIs404() {
		TestTenant tenant = tenants.create();
		String nobody = UUID.randomUUID().toString();

		assertProblem(tenant.api().put(label(nobody, "vip")), 404, "/problems/member-not-found");
		assertProblem(tenant.api().delete(label(nobody, "vip")), 404, "/problems/member-not-found");
	}

	@Test
	void anotherTenantsMemberIs404AndKeepsTheirLabels() {
		TestTenant ours = tenants.create();
		TestTenant theirs = tenants.create();
		String theirMember = theirs.enrol("{\"labels\": [\"vip\"]}");

		assertProblem(ours.api().put(label(theirMember, "staff")), 404, "/problems/member-not-found");
		assertProblem(ours.api().delete(label(theirMember, "vip")), 404, "/problems/member-not-found");
		assertProblem(ours.api().get(MEMBERS + "/" + theirMember), 404, "/problems/member-not-found");
		assertThat(ours.api().get(MEMBERS + "?label=vip").json().get("items").size()).isZero();
		assertThat(labels(theirs, theirMember)).containsExactly("vip");
	}

	@Test
	void aMalformedMemberIdIsRefusedNamingIt() {
		TestTenant tenant = tenants.create();

		Api.Response refused = tenant.api().put(label("not-a-uuid", "vip"));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("id");
	}

	@Test
	void labellingNeedsMembersWrite() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");
		Api reader = tenant.api().withKey(tenant.api().post("/api/v1/api-keys",
				"{\"name\": \"kiosk\", \"scopes\": [\"members:read\"]}").text("/key"));

		assertProblem(reader.put(label(member, "vip")), 403, "/problems/insufficient-scope");
		assertProblem(reader.delete(label(member, "vip")), 403, "/problems/insufficient-scope");
		assertThat(labels(tenant, member)).isEmpty();
	}

	@Test
	void theListOfMembersCanBeFilteredByLabelNewestFirstAPageAtATime() {
		TestTenant tenant = tenants.create();
		List<String> vips = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String member = tenant.enrol("{}");
			if (i % 2 == 0) {
				tenant.api().put(label(member, "vip"));
				vips.add(0, member);
			}
			clock.advance(Duration.ofSeconds(1));
		}

		Api.Response first = tenant.api().get(MEMBERS + "?label=vip&limit=2");
		Api.Response second = tenant.api().get(MEMBERS + "?label=vip&limit=2&cursor=" + first.text("/nextCursor"));

		assertThat(ids(first)).as(first.toString()).containsExactlyElementsOf(vips.subList(0, 2));
		assertThat(ids(second)).as(second.toString()).containsExactlyElementsOf(vips.subList(2, 3));
		assertThat(second.text("/nextCursor")).isNull();
		assertThat(strings(first.json().at("/items/0/labels"))).containsExactly("vip");
		assertThat(tenant.api().get(MEMBERS + "?label=staff").json().get("items").size()).isZero();
	}

	@Test
	void aBadLabelFilterIsRefusedAndSoIsALabelWithAnIdentifier() {
		TestTenant tenant = tenants.create();

		Api.Response bad = tenant.api().get(MEMBERS + "?label=VIP");
		Api.Response both = tenant.api().get(MEMBERS + "?label=vip&identifier=crm-42");

		assertProblem(bad, 400, "/problems/invalid-request");
		assertThat(fields(bad)).containsExactly("label");
		assertProblem(both, 400, "/problems/invalid-request");
		assertThat(fields(both)).containsExactly("label");
	}

	@Test
	void membersFoundByIdentifierShowTheirLabels() {
		TestTenant tenant = tenants.create();
		tenant.enrol("{\"externalId\": \"crm-42\", \"labels\": [\"vip\"]}");

		Api.Response found = tenant.api().get(MEMBERS + "?identifier=crm-42");

		assertThat(strings(found.json().at("/items/0/labels"))).containsExactly("vip");
	}

	private static String label(String member, String label) {
		return MEMBERS + "/" + member + "/labels/" + label;
	}

	private static List<String> labels(TestTenant tenant, String member) {
		Api.Response read = tenant.api().get(MEMBERS + "/" + member);
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		return strings(read.json().get("labels"));
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach(node -> strings.add(node.asString()));
		return strings;
	}

	private static List<String> ids(Api.Response page) {
		List<String> ids = new ArrayList<>();
		page.json().get("items").forEach(member -> ids.add(member.get("id").asString()));
		return ids;
	}

	private static List<String> numbered(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(i -> "label-" + i).toList();
	}

	private static String json(List<String> strings) {
		return strings.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ", "[", "]"));
	}
}

package io.fidelis.earning.rules;

import static io.fidelis.earning.rules.RuleFixtures.campaign;
import static io.fidelis.earning.rules.RuleFixtures.cashback;
import static io.fidelis.earning.rules.RuleFixtures.labels;
import static io.fidelis.earning.rules.RuleFixtures.perAmount;
import static io.fidelis.earning.rules.RuleFixtures.perFull;
import static io.fidelis.earning.rules.RuleFixtures.perItem;
import static io.fidelis.earning.rules.RuleFixtures.pointsPer;
import static io.fidelis.earning.rules.RuleFixtures.program;
import static io.fidelis.earning.rules.RuleFixtures.rule;
import static io.fidelis.earning.rules.RuleFixtures.stamps;
import static io.fidelis.earning.rules.RuleFixtures.timesPer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fidelis.earning.rules.RuleFixtures.RuleBuilder;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;

class RuleCompilerTest {

	private final Program points = program(ProgramKind.POINTS);

	@Test
	void refusesAnUnknownTrigger() {
		BusinessException refusal = refusal(rule("unboxing").on("unboxing"), points);

		assertRefused(refusal, "trigger", "'unboxing' is not an event type of this tenant");
	}

	@Test
	void acceptsATriggerTheTenantDeclared() {
		CompiledRule compiled = RuleCompiler.compile(UUID.randomUUID(), 1, RuleFixtures.CREATED,
				rule("unboxing").on("unboxing").definition(), points, null, Set.of("unboxing"));

		assertThat(compiled.trigger()).isEqualTo("unboxing");
	}

	@Test
	void refusesPurchaseOnlyConditionsOnAnActivity() {
		List<RuleBuilder> purchaseOnly = List.of(rule("min").on("review").minAmount("10.00"),
				rule("max").on("review").maxAmount("10.00"), rule("items").on("review").skus("ESP-1"),
				rule("first").on("review").firstPurchase(), rule("nth").on("review").nthPurchase(3, null));

		for (RuleBuilder rule : purchaseOnly) {
			assertRefused(refusal(rule, points), "conditions", "apply to purchases only");
		}
	}

	@Test
	void refusesPurchaseOnlyEffectsOnAnActivity() {
		assertRefused(refusal(rule("per amount").on("review").gives(perAmount("1")), points), "effect.type",
				"needs a purchase's amount");
		assertRefused(refusal(rule("per item").on("review").gives(perItem(5)), points), "effect.type",
				"needs a purchase's amount");
		assertRefused(refusal(rule("cashback").on("review").gives(cashback("5", null)), program(ProgramKind.CASHBACK)),
				"effect.type", "needs a purchase's amount");
	}

	@Test
	void acceptsStoresChannelsAndAttributesOnAnActivity() {
		CompiledRule compiled = rule("review in store").on("review").stores("paris-1").channels("app")
			.attributes(Map.of("rating", "5"))
			.compile(points);

		assertThat(compiled.stores()).containsExactly("paris-1");
		assertThat(compiled.channels()).containsExactly("app");
	}

	@Test
	void refusesStampsOutsideAStampsProgram() {
		assertRefused(refusal(rule("card").gives(stamps(1)), points), "effect.type", "stamps program only");
		assertThat(rule("card").gives(stamps(1)).compile(program(ProgramKind.STAMPS)).effect())
			.isEqualTo(stamps(1));
	}

	@Test
	void refusesCashbackOutsideACashbackProgram() {
		assertRefused(refusal(rule("cashback").gives(cashback("5", null)), points), "effect.type",
				"cashback program only");
		assertRefused(refusal(rule("cashback").gives(cashback("5", null)), program(ProgramKind.STAMPS)),
				"effect.type", "cashback program only");
		assertThat(rule("cashback").gives(cashback("5", null)).compile(program(ProgramKind.CASHBACK)).effect())
			.isEqualTo(cashback("5", null));
	}

	@Test
	void refusesDecimalPointsWithStep() {
		assertRefused(refusal(rule("steps").gives(perFull("2.5", "5.00")), points), "effect.points",
				"must be whole with step");
		assertThat(rule("steps").gives(perFull("10.00", "5.00")).compile(points)).isNotNull();
	}

	@Test
	void refusesAReferrerBeneficiaryOutsideReferral() {
		assertRefused(refusal(rule("thanks").on("signup").to(Beneficiary.REFERRER), points), "beneficiary",
				"referral events only");
		assertThat(rule("thanks").on("referral").to(Beneficiary.REFERRER).compile(points).beneficiary())
			.isEqualTo(Beneficiary.REFERRER);
	}

	@Test
	void refusesBestOfWithoutGroup() {
		assertRefused(refusal(rule("best").stacking(new Stacking(Stacking.Mode.BEST_OF, null)), points),
				"stacking.group", "is required with best_of");
	}

	@Test
	void refusesAGroupWithoutBestOf() {
		assertRefused(refusal(rule("grouped").stacking(new Stacking(Stacking.Mode.EXCLUSIVE, "welcome")), points),
				"stacking.group", "only then");
		assertRefused(refusal(rule("grouped").stacking(new Stacking(Stacking.Mode.CUMULATIVE, "welcome")), points),
				"stacking.group", "only then");
	}

	@Test
	void refusesValidToBeforeOrAtValidFrom() {
		assertRefused(refusal(rule("backwards").validFrom("2026-07-01T00:00+02:00").validTo("2026-06-01T00:00+02:00"),
				points), "validTo", "must be after validFrom");
		assertRefused(refusal(rule("empty").validFrom("2026-07-01T00:00+02:00").validTo("2026-06-30T22:00Z"), points),
				"validTo", "must be after validFrom");
	}

	@Test
	void refusesALimitWithBothCountAndPoints() {
		RuleBuilder rule = rule("limited").limitedTo(timesPer(Limits.Period.DAY, 1),
				new Limits.PerMember(Limits.Period.MONTH, 3L, 100L));

		assertRefused(refusal(rule, points), "limits.perMember[1]", "give either count or points");
	}

	@Test
	void refusesALimitWithNeitherCountNorPoints() {
		RuleBuilder rule = rule("limited").limitedTo(new Limits.PerMember(Limits.Period.DAY, null, null));

		assertRefused(refusal(rule, points), "limits.perMember[0]", "give either count or points");
	}

	@Test
	void acceptsCountAndPointsLimitsSideBySide() {
		RuleBuilder rule = rule("limited").limitedTo(timesPer(Limits.Period.DAY, 1), pointsPer(Limits.Period.MONTH, 500))
			.budget(10_000);

		assertThat(rule.compile(points).limited()).isTrue();
	}

	@Test
	void refusesAMinimumAboveTheMaximum() {
		assertRefused(refusal(rule("inverted").minAmount("50.00").maxAmount("20.00"), points),
				"conditions.maxAmount", "must not be below minAmount");
		assertThat(rule("one price").minAmount("20.00").maxAmount("20.00").compile(points)).isNotNull();
	}

	@Test
	void refusesAMinimumWithMoreDecimalsThanTheCurrency() {
		assertRefused(refusal(rule("fine").minAmount("10.001"), points), "conditions.minAmount",
				"has more than 2 decimal places for EUR");
		assertRefused(refusal(rule("yen").minAmount("10.5"), program(ProgramKind.POINTS, Currency.getInstance("JPY"))),
				"conditions.minAmount", "has more than 0 decimal places for JPY");
		assertThat(rule("trailing zeros").minAmount("10.000").compile(points)).isNotNull();
	}

	@Test
	void refusesHoursThatStartWhereTheyEnd() {
		assertRefused(refusal(rule("never").hours("09:00", "09:00"), points), "conditions.hours",
				"from and to must differ");
	}

	@Test
	void refusesNthPurchaseWithBothEveryAndExactly() {
		assertRefused(refusal(rule("nth").nthPurchase(3, 10), points), "conditions.nthPurchase",
				"give either every or exactly");
	}

	@Test
	void refusesNthPurchaseWithNeitherEveryNorExactly() {
		assertRefused(refusal(rule("nth").nthPurchase(null, null), points), "conditions.nthPurchase",
				"give either every or exactly");
	}

	@Test
	void refusesLabelsThatNameNoLabel() {
		assertRefused(refusal(rule("nobody").labels(labels(null, List.of(), null)), points), "conditions.labels",
				"name at least one label");
		assertThat(rule("vip").labels(labels(null, null, List.of("staff"))).compile(points)).isNotNull();
	}

	@Test
	void refusesABlankExpression() {
		assertRefused(refusal(rule("blank").expression("   "), points), "conditions.expression", "must not be blank");
	}

	@Test
	void refusesACelSyntaxErrorWithTheCompilersMessage() {
		BusinessException refusal = refusal(rule("broken").expression("event.amount >"), points);
		String compilersMessage = catchThrowableOfType(IllegalArgumentException.class,
				() -> CelExpression.compile("event.amount >")).getMessage();

		assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_EXPRESSION);
		assertThat(refusal.getMessage()).isEqualTo(compilersMessage).contains("mismatched input", "1:15");
		assertThat(refusal.errors()).containsExactly(new FieldError("conditions.expression", refusal.getMessage()));
	}

	@Test
	void refusesAnExpressionTheCelCheckerRejects() {
		BusinessException refusal = refusal(rule("unknown").expression("customer.vip == true"), points);

		assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_EXPRESSION);
		assertThat(refusal.getMessage()).contains("customer");
		assertThat(refusal.errors()).extracting(FieldError::field).containsExactly("conditions.expression");
	}

	@Test
	void reportsEveryRefusalAtOnce() {
		RuleBuilder rule = rule("everything wrong").on("review").to(Beneficiary.REFERRER).gives(stamps(1))
			.minAmount("10.00")
			.hours("09:00", "09:00");

		BusinessException refusal = refusal(rule, points);

		assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
		assertThat(refusal.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("conditions", "effect.type", "beneficiary", "conditions.hours");
	}

	@Test
	void compilesAValidRuleWithItsSetsParsedOnce() {
		CompiledRule compiled = rule("coffee").categories("coffee", "tea").stores("paris-1")
			.days(DayOfWeek.MONDAY, DayOfWeek.MONDAY)
			.expression("member.purchases > 1")
			.compile(points);

		assertThat(compiled.categories()).containsExactlyInAnyOrder("coffee", "tea");
		assertThat(compiled.skus()).isEmpty();
		assertThat(compiled.stores()).containsExactly("paris-1");
		assertThat(compiled.days()).containsExactly(DayOfWeek.MONDAY);
		assertThat(compiled.expression()).isNotNull();
	}

	@Test
	void effectiveValidityIsTheRulesWindowWithinItsCampaigns() {
		CampaignTerms summer = campaign("summer", "2026-06-10T00:00:00Z", "2026-07-15T00:00:00Z", null);

		CompiledRule overlapping = rule("june").validFrom("2026-06-01T00:00:00Z").validTo("2026-07-01T00:00:00Z")
			.in(summer)
			.compile(points);
		assertThat(overlapping.validFrom()).isEqualTo(Instant.parse("2026-06-10T00:00:00Z"));
		assertThat(overlapping.validTo()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));

		CompiledRule inside = rule("mid").validFrom("2026-06-20T00:00+02:00").validTo("2026-06-25T00:00+02:00")
			.in(summer)
			.compile(points);
		assertThat(inside.validFrom()).isEqualTo(Instant.parse("2026-06-19T22:00:00Z"));
		assertThat(inside.validTo()).isEqualTo(Instant.parse("2026-06-24T22:00:00Z"));

		CompiledRule open = rule("open").in(summer).compile(points);
		assertThat(open.validFrom()).isEqualTo(summer.startsAt());
		assertThat(open.validTo()).isEqualTo(summer.endsAt());
		assertThat(open.campaign()).isEqualTo(summer);

		CompiledRule ownOnly = rule("own").validFrom("2026-06-01T00:00:00Z").compile(points);
		assertThat(ownOnly.validFrom()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
		assertThat(ownOnly.validTo()).isNull();

		CompiledRule halfOpenCampaign = rule("own end").validTo("2026-08-01T00:00:00Z")
			.in(campaign("autumn", "2026-07-01T00:00:00Z", null, null))
			.compile(points);
		assertThat(halfOpenCampaign.validFrom()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
		assertThat(halfOpenCampaign.validTo()).isEqualTo(Instant.parse("2026-08-01T00:00:00Z"));
	}

	private static BusinessException refusal(RuleBuilder rule, Program program) {
		BusinessException refusal = catchThrowableOfType(BusinessException.class, () -> rule.compile(program));
		assertThat(refusal).as("refusal of %s", rule.definition()).isNotNull();
		return refusal;
	}

	private static void assertRefused(BusinessException refusal, String field, String message) {
		assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
		assertThat(refusal.errors()).as(refusal.getMessage()).hasSize(1);
		assertThat(refusal.errors().get(0).field()).isEqualTo(field);
		assertThat(refusal.errors().get(0).message()).contains(message);
		assertThat(refusal.getMessage()).contains(field + ": ");
	}
}
